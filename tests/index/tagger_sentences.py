"""Invented sentences (already tokenised, space-separated) for the tagger's equivalence
tests: names, roles, datelines, organisations, non-Latin letters, edge cases."""

SENTENCES = [
    "Außenminister Antony Blinken traf am Montag in Moskau seinen Amtskollegen Sergej Lawrow .",
    "Seine Frau sagte , dass die NATO-Chefin in Kiew war .",
    "NEW YORK ( dpa ) - Der UN-Sicherheitsrat tagt im Nahen Osten und in den Vereinigten Staaten .",
    "Die Deutsche Bank AG und die Volkswagen-Gruppe melden Gewinne , sagte Merkels Sprecher .",
    "„ Wir verhandeln weiter “ , betonte Mohammed Shia al-Sudani am 7. Oktober in Bagdad .",
    "Im Landkreis Konstanz und in Mülheim an der Ruhr regnete es ; Jørund Švejnar blieb in Kyōto .",
    "Nach Angaben des Auswärtigen Amts reiste Kim Jong-un über Wladiwostok nach Peking .",
    "Wirklich !? Herr Quxbrimmel und Frau Zorvathi-Plenk kamen aus Xylophanien .",
    "Berlin",
    "x",
    "!",
    "Kiew Kiew Kiew Kiew",
]
