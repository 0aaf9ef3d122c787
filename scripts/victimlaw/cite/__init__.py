"""The citation lookup, in two parts: `reading` reads what a citation says (its number, date, kind, provision and
words) and needs no corpus, so that the data checks can read sources with it; `resolver` scores a corpus's acts
against it and gives the lookup page its data (cite.js, the browser's twin of both).
"""
