"""Small curated word lists: well-known people, company/brand/media names, org cues.

General knowledge written for this program (no corpus behind it). They back
decisions the tagger cannot make from one sentence: a lone surname is a person
only when the article backs it, and one of these well-known surnames counts as
backing; a company or brand is an organisation, never a person or a place.
"""

from __future__ import annotations

KNOWN_SURNAMES = frozenset(
    """
 Merkel Scholz Schröder Kohl Brandt Schmidt Adenauer Steinmeier Gauck Wulff Köhler Weizsäcker
 Baerbock Habeck Lindner Söder Merz Laschet Seehofer Gabriel Steinbrück Schäuble Maas
 Westerwelle Fischer Genscher Kretschmann Wagenknecht Lauterbach Pistorius Faeser Spahn
 Strack-Zimmermann Weidel Höcke Gysi Lafontaine Kubicki Klingbeil Esken Wüst Kramp-Karrenbauer
 Leyen Lagarde Draghi Juncker Barroso Tusk Borrell Kallas Metsola Schulz
 Kurz Nehammer Kickl Strache Haider Faymann Kogler Babler Mikl-Leitner Häupl
 Bellen Fischer Klestil Waldheim Kreisky Vranitzky Schüssel Gusenbauer Mitterlehner
 Macron Hollande Sarkozy Chirac Mitterrand Gaulle Attal Barnier Bayrou Borne
 Pen Mélenchon Zemmour Bardella Johnson Sunak Truss Cameron Brown Blair Thatcher Starmer
 Corbyn Farage Obama Biden Trump Clinton Bush Reagan Carter Nixon Kennedy Harris Pence
 Vance Pompeo Tillerson Kerry Powell Blinken Rubio Hegseth Sullivan Kissinger
 Albright Pelosi McConnell Schumer Sanders Warren DeSantis Haley Musk Zuckerberg Gates Bezos
 Putin Medwedew Lawrow Peskow Schoigu Nawalny Gorbatschow Jelzin Prigoschin Kadyrow Lukaschenko
 Selenskyj Kuleba Poroschenko Klitschko Timoschenko Sybiha Saluschnyj Jermak Erdoğan Erdogan
 Davutoğlu Çavuşoğlu Fidan Netanjahu Netanyahu Gallant Lapid Bennett Gantz Scharon
 Rabin Peres Abbas Arafat Hanija Sinwar Nasrallah Assad Chamenei Khamenei Rohani Raisi
 Sarif Araghtschi Mursi Sisi Gaddafi Saddam Mubarak Modi Gandhi Kishida
 Ishiba Yoon Lee Duterte Marcos Widodo Prabowo Lula Bolsonaro Milei Maduro Chávez Castro
 Trudeau Carney Albanese Ardern Orbán Fico Babiš Duda Morawiecki Kaczyński Nawrocki Meloni
 Salvini Berlusconi Renzi Conti Mattarella Sánchez Rajoy Feijóo Rutte Schoof Wilders
 Stoltenberg Rutte Guterres Annan Grossi Tedros Georgiewa Lagarde Zelensky Zelenskyj
 Franziskus Benedikt Ratzinger Bergoglio Mandela Tutu Ramaphosa Zuma Ruto Kagame Abiy
 Ghani Karzai Baghdadi Sudani Maliki Hariri Aoun Mikati Barzani
 Aliyev Alijew Paschinjan Tokajew Nasarbajew Mirziyoyev Sandu Vučić Vucic Rama Plenković
 Tsipras Mitsotakis Varoufakis Papandreou Stournaras Lagarde Weidmann Nagel Yellen Powell
 Bernanke Greenspan Guterres Einstein Goethe Schiller Luther Marx Bismarck Hitler Stalin
 Lenin Napoleon Churchill Beethoven Mozart Bach Picasso Freud Kant Hegel Nietzsche
 Beckenbauer Klopp Löw Nagelsmann Flick Tuchel Müller Neuer Kimmich Ballack Messi Ronaldo
 Federer Nadal Djokovic Becker Vettel Schumacher Hamilton Verstappen
 """.split()  # noqa: SIM905
)
"""Surnames of people German news names without a first name, known to readers."""

ORG_NAMES = frozenset(
    """
 Apple Google Alphabet Microsoft Amazon Facebook Instagram WhatsApp Twitter TikTok
 YouTube Netflix Spotify Uber Airbnb Tesla SpaceX OpenAI Nvidia Intel AMD IBM Oracle SAP
 Samsung Sony Toshiba Panasonic Huawei Xiaomi Lenovo Alibaba Tencent Baidu Nokia Ericsson
 Siemens Bosch BASF Bayer Henkel Infineon Telekom Vodafone Allianz
 Commerzbank Lufthansa Eurowings Condor Ryanair Easyjet Swiss Austrian Emirates
 Airbus Boeing Volkswagen VW Audi BMW Mercedes Mercedes-Benz Daimler Porsche Opel Ford
 Renault Peugeot Citroën Fiat Stellantis Toyota Honda Nissan Hyundai Kia Volvo Skoda Seat
 Shell BP Exxon ExxonMobil Chevron Gazprom Rosneft Lukoil Aramco TotalEnergies Eni
 OMV Uniper RWE EnBW Vattenfall Eon E.ON Thyssenkrupp ThyssenKrupp Rheinmetall
 Krauss-Maffei Heckler Hensoldt Adidas Puma Nike Aldi Lidl Rewe Edeka Ikea Zalando
 Bertelsmann Axel Springer Burda Nestlé Unilever Coca-Cola Pepsi McDonald's Starbucks
 Novartis Roche Pfizer BioNTech Moderna AstraZeneca Sanofi Merck Fresenius UBS
 Goldman JPMorgan BlackRock Mastercard PayPal Wirecard Raiffeisen
 Deutsche-Bahn DB ÖBB SBB DHL UPS FedEx Hapag-Lloyd Maersk ARD ZDF ORF RTL
 Sat.1 ProSieben ProSiebenSat.1 SRF FAZ Handelsblatt
 Tagesspiegel Süddeutsche taz NZZ Guardian
 Bloomberg Politico Axios Fox NBC CBS ABC Al-Dschasira Al-Jazeera Xinhua Tass
 Ria Nowosti Interfax Kyodo Yonhap Anadolu Verdi IG Metall DGB Greenpeace Amnesty
 Caritas Diakonie DRK UEFA FIFA IOC DFB DFL DOSB Bundesliga Borussia Eintracht
 Schalke Werder Hertha Juventus Chelsea Arsenal Ajax
 Europol Interpol Frontex Eurostat OECD WTO NASA ESA Wikipedia
 """.split()  # noqa: SIM905
)
"""Companies, brands, media, unions, clubs and agencies that are never people."""

ORG_SUFFIXES = frozenset(
    """AG GmbH SE KG KGaA OHG Inc Inc. Ltd Ltd. LLC Corp Corp. Co Co. PLC plc SA S.A. NV N.V.
    Holding Group Gruppe Bank Versicherung Verlag Stiftung Verband Verein e.V. eV Konzern
    Airlines Airways Motors Media Partners Capital Technologies Systems""".split()  # noqa: SIM905
)
"""Words that end an organisation's name ("Brenntag AG", "Fanuc Group")."""

MARKET_INDICES = frozenset(
    tuple(name.split("_"))
    for name in """DAX Dax MDAX MDax SDAX SDax TecDAX TecDax ATX SMI Nikkei FTSE CAC Dow_Jones
    Euro_Stoxx EuroStoxx Stoxx Hang_Seng""".split()  # noqa: SIM905
)
"""Stock market indices: "der DAX schloss im Plus" names no organisation."""
