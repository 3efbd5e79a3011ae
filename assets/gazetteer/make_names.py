"""Regenerates given.txt and surnames.txt from the 1990 US Census lists shipped by the `names`
package on PyPI (`pip download names`, unpack, pass its `names/` folder): the 5,000 most frequent
given names (male and female merged) and the 20,000 most frequent surnames, minus stopwords."""
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "names"
stop = set()
for line in open("stopwords.txt"):
    if not line.startswith("#"):
        stop.update(line.split())


def load(f):
    return [(p[0].lower(), float(p[1])) for p in (line.split() for line in open(f"{src}/{f}"))]


given = {}
for n, f in load("dist.male.first") + load("dist.female.first"):
    given[n] = given.get(n, 0) + f
g = [n for n, _ in sorted(given.items(), key=lambda x: -x[1]) if n not in stop][:5000]
sur = [n for n, _ in load("dist.all.last") if n not in stop][:20000]
hdr = ("# {} from the 1990 US Census name lists (public domain, US government work), as shipped by the `names` package\n"
       "# on PyPI (v0.3.0). Lowercase (looked up lowercased), sorted by frequency, most frequent first; words in\n"
       "# stopwords.txt removed.\n")
open("given.txt", "w").write(hdr.format("The 5,000 most frequent given names (male and female lists merged)") + "\n".join(g) + "\n")
open("surnames.txt", "w").write(hdr.format("The 20,000 most frequent surnames") + "\n".join(sur) + "\n")
