"""News in: saved web pages, web addresses and feeds become article files.

The only part of `index` that touches the network, and only when asked
(`add URL`, `fetch`, the TUI's fetch command). The front ends reach it through the
`index` facade, whose names load on first use: trafilatura and httpx are
never imported at start-up.

- `http`: one fetch with every limit (timeouts, size cap, redirects, per host)
- `pages`: a page's main text and metadata (trafilatura); `language`
- `write`: front matter, file names, atomic writes
- `catalog`: what the folder holds already (by address and by text), cached
- `add`: `add PATH_OR_URL...`
- `feedstore`, `feedparse`, `feeds`: the followed feeds, reading one, and `fetch`
- `watch`: the live articles folder (watchfiles, or polling)
"""
