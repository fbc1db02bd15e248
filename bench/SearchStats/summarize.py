import json, sys, statistics as st
# usage: summarize.py out1k out10k out50k ...
def med(xs): return st.median(xs) if xs else 0
print("| corpus | query set | terms | df: median / max | bigram-AND FP > 0 (terms) | trigram-AND FP > 0 | bigram keys' doc postings KB (median / max) | v1 text of candidate packs KB (median / max) | exact postings of the term KB (median / max) | cover-bigram positions, candidate docs only KB (median / max) | same, all docs of the keys KB (median / max) | design F/B KB (median / p90 / max) | design paths |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for d in sys.argv[1:]:
    rows = json.load(open(d + "/queries.json"))
    for name, sel in [("fixed 10", lambda r: r["kind"] == "fixed"), ("random 100", lambda r: r["kind"] == "random"), ("dict 30", lambda r: r["kind"] == "dict"), ("all 140", lambda r: True)]:
        rs = [r for r in rows if sel(r)]
        g = lambda k: [r.get(k, 0) / 1024 for r in rs]
        g3 = lambda k: [r.get(k, 0) / 1024 for r in rs if r["n"] >= 3 and k in r]
        dfs = [r["df"] for r in rs]
        des = sorted(g("designBr"))
        p90 = des[int(0.9 * (len(des) - 1))]
        paths = {}
        for r in rs:
            p = r.get("path", "?"); p = p.split("(")[0]; paths[p] = paths.get(p, 0) + 1
        print(f"| {d} | {name} | {len(rs)} | {med(dfs):.0f} / {max(dfs)} | {sum(1 for r in rs if r['bigramFP'] > 0)} | {sum(1 for r in rs if r['trigramFP'] > 0)} | {med(g('keysBr')):.1f} / {max(g('keysBr')):.1f} | {med(g('v1TextBr')):.0f} / {max(g('v1TextBr')):.0f} | {med(g('exactPostingsBr')):.1f} / {max(g('exactPostingsBr')):.1f} | {med(g3('posCandBr')):.1f} / {max(g3('posCandBr') or [0]):.1f} | {med(g3('posFullBr')):.1f} / {max(g3('posFullBr') or [0]):.1f} | {med(des):.1f} / {p90:.1f} / {max(des):.1f} | {', '.join(f'{k} {v}' for k, v in sorted(paths.items()))} |")
