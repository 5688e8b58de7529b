#!/usr/bin/env python3
"""Side-by-side peer benchmark: screening-and-scoring workloads in every engine.

Two workloads (both seeded, deterministic):

basic: N draft decisions, each with one proposal of 20 screening triggers
  (t1..t20: yes/no), a cost fact, and 40 impact cells (one per impact question
  q1..q40; question qi belongs to group g((i-1) % 12 + 1) and domain
  d((i-1) % 4 + 1)), each cell a direction (-2..2) and a magnitude (minimal 1,
  moderate 2, severe 3; likelihood "certain", weight 1). The checklist is
  generated in memory.

dense: an EVA-like checklist (benches/peers/dense.eva: 12 groups, 4
  perspectives, 12 domains, 20 screening triggers, 40 impact questions that
  each name 3 to 11 of the groups, so of the 12 x 40 question-group slots
  237 are declared, 10 rules and the verdict rules). N draft decisions, each
  one proposal that addresses a seeded share of the questions and gives ~140
  impact cells (about 70 to 195; every group has at least one). Cells vary as
  real ones do: direction -2..2 or "mixed"/"unknown" (which score 0), a
  magnitude and a likelihood that are sometimes left out (the defaults,
  moderate 2 and likely 0.75, apply), and sometimes people, timing,
  reversibility, evidence and a note. Each decision leans negative, neutral or
  positive.

Every engine computes, from the same nested decision dict:
- per-group score = sum over the group's cells of direction x magnitude weight
  x likelihood weight (mixed/unknown: 0);
- verdict = full if any of t1..t5 is yes or cost >= 100000, light if any of
  t6..t20 is yes, else none;
- which of 10 rules r1..r10 fire (boolean conditions over triggers, group
  scores and cost; one AST per workload, translated into each engine's
  language).

Before timing, every engine's verdicts and fired rules are checked against the
plain-Python baseline for every decision (ennakko's group scores too, on the
first 50); any difference aborts. Timing: every engine and mode runs once per
round, rounds interleave engines (rotating the order), and each row is the
median of its rounds.

Usage: bench.py [--quick] [--workload basic|dense|both] [--runs R] [--n N]
                [--write-eva]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
N_TRIGGERS = 20
FULL_TRIGGERS = range(1, 6)
LIGHT_TRIGGERS = range(6, 21)
COST_LIMIT = 100_000
W = {"minimal": 1, "moderate": 2, "severe": 3}
LIK = {"unlikely": 0.25, "possible": 0.5, "likely": 0.75, "certain": 1}
N_GROUPS = 12
GROUPS = [f"g{i}" for i in range(1, N_GROUPS + 1)]

# Rules, as one small AST per workload translated into every engine's language.
# ("yes", i) trigger i answered yes; ("cmp", lhs, op, k) with lhs ("g", [groups]) (sum
# of group scores) or ("cost",); ("and", a, b); ("or", a, b); ("not", a).
BASIC_RULES = {
    "r1": ("and", ("cmp", ("g", [1]), "<", 0), ("yes", 6)),
    "r2": ("cmp", ("g", [2, 3]), "<=", -4),
    "r3": ("or", ("cmp", ("g", [4]), ">", 3), ("yes", 7)),
    "r4": ("and", ("not", ("yes", 8)), ("cmp", ("g", [5]), "<", -2)),
    "r5": ("and", ("cmp", ("g", [6]), ">=", 2), ("cmp", ("g", [7]), ">=", 2)),
    "r6": ("or", ("and", ("yes", 9), ("yes", 10)), ("cmp", ("g", [8, 9, 10]), "<", -8)),
    "r7": ("or", ("cmp", ("g", [10]), "<=", -3), ("and", ("yes", 11), ("cmp", ("g", [11]), "<", 0))),
    "r8": ("and", ("not", ("yes", 12)), ("cmp", ("g", [12]), ">", 4)),
    "r9": ("and", ("cmp", ("cost",), ">=", 50_000), ("cmp", ("g", [1, 2]), "<", 0)),
    "r10": ("or", ("yes", 1), ("and", ("yes", 13), ("cmp", ("g", [3, 4, 5, 6]), ">=", 6))),
}
DENSE_RULES = {
    "r1": ("and", ("cmp", ("g", [2]), "<", -3), ("yes", 6)),
    "r2": ("cmp", ("g", [5, 6]), "<=", -8),
    "r3": ("or", ("cmp", ("g", [1]), ">", 12), ("yes", 7)),
    "r4": ("and", ("not", ("yes", 8)), ("cmp", ("g", [9]), "<", -5)),
    "r5": ("and", ("cmp", ("g", [3]), ">=", 4), ("cmp", ("g", [4]), ">=", 4)),
    "r6": ("or", ("and", ("yes", 9), ("yes", 10)), ("cmp", ("g", [7, 8, 10]), "<", -14)),
    "r7": ("or", ("cmp", ("g", [11]), "<=", -5), ("and", ("yes", 11), ("cmp", ("g", [12]), "<", 0))),
    "r8": ("and", ("not", ("yes", 12)), ("cmp", ("g", [12]), ">", 6)),
    "r9": ("and", ("cmp", ("cost",), ">=", 50_000), ("cmp", ("g", [1, 2]), "<", -6)),
    "r10": ("or", ("yes", 1), ("and", ("yes", 13), ("cmp", ("g", [2, 5, 6, 9]), ">=", 8))),
}


def trigger_answers(rng):
    answers = {}
    for t in range(1, N_TRIGGERS + 1):
        p = 0.03 if t <= 5 else 0.05
        answers[f"t{t}"] = "yes" if rng.random() < p else "no"
    return answers


def cost_of(rng):
    if rng.random() < 0.3:
        return rng.choice([0, 5_000, 20_000, 60_000, 99_999, 100_000, 250_000])
    return rng.randrange(0, 120_000)


def decision(k, answers, cost, impacts):
    return {
        "id": f"d{k:05d}",
        "title": f"Generated decision {k}",
        "facts": {"cost_eur": cost},
        "alternatives": [{"id": "p", "kind": "proposal", "title": "Proposal",
                          "answers": answers, "impacts": impacts}],
    }


# ---------------------------------------------------------------- workload: basic
B_QUESTIONS, B_DOMAINS = 40, 4
B_Q_GROUP = {f"q{i}": f"g{(i - 1) % N_GROUPS + 1}" for i in range(1, B_QUESTIONS + 1)}
B_Q_DOMAIN = {f"q{i}": f"d{(i - 1) % B_DOMAINS + 1}" for i in range(1, B_QUESTIONS + 1)}


def generate_basic(n: int, seed: int = 20261123) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        answers = trigger_answers(rng)
        cost = cost_of(rng)
        impacts = [
            {
                "question": q,
                "group": B_Q_GROUP[q],
                "domain": B_Q_DOMAIN[q],
                "direction": rng.choice([-2, -1, -1, 0, 0, 1, 1, 2]),
                "magnitude": rng.choice(["minimal", "moderate", "severe"]),
                "likelihood": "certain",
            }
            for q in B_Q_GROUP
        ]
        out.append(decision(k, answers, cost, impacts))
    return out


L3 = 'fi "{0}" sv "{0}" en "{0}"'


def eva_common(name, title, rules):
    full = " or ".join(f"t{i} == yes" for i in FULL_TRIGGERS)
    light = " or ".join(f"t{i} == yes" for i in LIGHT_TRIGGERS)
    head = [f'checklist {name} {{', f'  title {L3.format(title)}', '  version "1.0"', '}',
            f'fact cost_eur: number {{ label {L3.format("Cost")} unit "EUR" }}']
    triggers = [f'question t{i}: screening {{ text {L3.format(f"Trigger {i}?")} }}'
                for i in range(1, N_TRIGGERS + 1)]
    tail = [f'rule full_trigger: verdict full {{ each proposal when {full} message {L3.format("Full trigger")} }}',
            f'rule full_cost: verdict full {{ when fact.cost_eur >= {COST_LIMIT} message {L3.format("Cost")} }}',
            f'rule light_trigger: verdict light {{ each proposal when {light} message {L3.format("Light trigger")} }}']
    tail += [f'rule {rid}: warning {{ each proposal when {tr(ast, EVA)} message {L3.format(rid)} }}'
             for rid, ast in rules.items()]
    return head, triggers, tail


def eva_basic() -> str:
    head, triggers, tail = eva_common("peers", "Peer benchmark", BASIC_RULES)
    s = head + [f'perspective p1 {{ label {L3.format("P1")} }}']
    s += [f'domain d{i} {{ label {L3.format(f"D{i}")} perspective p1 }}' for i in range(1, B_DOMAINS + 1)]
    s += [f'group {g} {{ label {L3.format(g.upper())} }}' for g in GROUPS]
    s += triggers
    s += [f'question {q}: impact {{ text {L3.format(q)} domain {B_Q_DOMAIN[q]} groups {B_Q_GROUP[q]} }}'
          for q in B_Q_GROUP]
    return "\n".join(s + tail) + "\n"


# ---------------------------------------------------------------- workload: dense
D_QUESTIONS, D_DOMAINS, D_PERSPECTIVES = 40, 12, 4
D_GROUP_LABELS = ["Whole population", "Children", "Young people", "Families with children",
                  "Older people", "People with disabilities", "Working-age people", "Staff",
                  "Low-income households", "Swedish speakers", "Rural residents", "Businesses"]
D_VULNERABLE = {"g2", "g5", "g6", "g9"}
D_CATEGORY = {"g1": "everyone", "g8": "staff", "g12": "organisations"}
# How often a question names each group (the whole population most, staff and
# businesses least): shapes the 12 x 40 question-group slots.
D_GROUP_WEIGHT = [0.9, 0.6, 0.45, 0.5, 0.6, 0.5, 0.45, 0.25, 0.5, 0.35, 0.4, 0.3]


def dense_spec():
    """Which groups each impact question names (fixed, seeded)."""
    rng = random.Random(4040)
    spec = {}
    for i in range(1, D_QUESTIONS + 1):
        gs = [g for g, w in zip(GROUPS, D_GROUP_WEIGHT) if rng.random() < w]
        while len(gs) < 3:
            g = rng.choice(GROUPS)
            if g not in gs:
                gs.append(g)
        gs = sorted(gs, key=GROUPS.index)[:11]
        spec[f"q{i}"] = {"domain": f"d{(i - 1) % D_DOMAINS + 1}", "groups": gs}
    return spec


D_SPEC = dense_spec()
D_SLOTS = sum(len(q["groups"]) for q in D_SPEC.values())
D_MAX_PER_GROUP = {g: sum(1 for q in D_SPEC.values() if g in q["groups"]) for g in GROUPS}
D_DIRECTIONS = {  # by the decision's lean
    -1: [-2, -2, -1, -1, -1, -1, 0, 0, 1, 1, 2],
    0: [-2, -1, -1, 0, 0, 1, 1, 2],
    1: [-2, -1, -1, 0, 0, 1, 1, 1, 1, 2, 2],
}


def generate_dense(n: int, seed: int = 20261204) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        answers = trigger_answers(rng)
        cost = cost_of(rng)
        lean = rng.choice([-1, 0, 0, 1])
        addressed = rng.uniform(0.55, 0.9)   # share of questions this decision answers
        per_slot = 140 / (D_SLOTS * 0.725)   # so that ~140 cells on average
        slots = []
        for q, s in D_SPEC.items():
            if rng.random() < addressed:
                slots += [(q, g) for g in s["groups"] if rng.random() < per_slot]
        have = {g for _, g in slots}
        for g in GROUPS:  # every group assessed at least once (no missing group scores)
            if g not in have:
                q = rng.choice([q for q, s in D_SPEC.items() if g in s["groups"]])
                slots.append((q, g))
        slots.sort(key=lambda x: (int(x[0][1:]), GROUPS.index(x[1])))
        impacts = []
        for q, g in slots:
            r = rng.random()
            direction = "mixed" if r < 0.05 else "unknown" if r < 0.08 else rng.choice(D_DIRECTIONS[lean])
            c = {"question": q, "group": g, "direction": direction}
            if rng.random() < 0.9:
                c["magnitude"] = rng.choice(["minimal", "minimal", "moderate", "moderate", "moderate", "severe"])
            if rng.random() < 0.8:
                c["likelihood"] = rng.choice(["unlikely", "possible", "likely", "likely", "certain", "certain"])
            if rng.random() < 0.5:
                c["people"] = rng.choice(["few", "some", "many"])
            if rng.random() < 0.5:
                c["timing"] = rng.choice(["short", "medium", "long"])
            if rng.random() < 0.3:
                c["reversibility"] = rng.choice(["reversible", "irreversible"])
            if rng.random() < 0.6:
                c["evidence"] = rng.choice(["more_information_needed", "weak", "some", "strong"])
            if rng.random() < 0.3:
                c["note"] = f"Assessed effect of {q} on {g}: see the preparation memo, section {rng.randrange(1, 9)}."
            impacts.append(c)
        out.append(decision(k, answers, cost, impacts))
    return out


def eva_dense() -> str:
    head, triggers, tail = eva_common("peers_dense", "Peer benchmark, dense (EVA-like)", DENSE_RULES)
    s = ["# Generated by benches/peers/bench.py --write-eva (then `ennakko fmt`); edit the",
         "# generator, not this file: the benchmark refuses a file the generator would not make.",
         "# EVA-like: 12 groups, 4 perspectives of 3 domains, 20 screening triggers, 40 impact",
         "# questions naming 3 to 11 groups each, 10 warning rules and the verdict rules.", ""]
    s += head
    persp = ["Residents", "Environment", "Organisation", "Economy"]
    s += [f'perspective p{i} {{ label {L3.format(persp[i - 1])} }}' for i in range(1, D_PERSPECTIVES + 1)]
    s += [f'domain d{i} {{ label {L3.format(f"Domain {i}")} perspective p{(i - 1) // 3 + 1} }}'
          for i in range(1, D_DOMAINS + 1)]
    for g, label in zip(GROUPS, D_GROUP_LABELS):
        extra = (" vulnerable" if g in D_VULNERABLE else "") + (f" category {D_CATEGORY[g]}" if g in D_CATEGORY else "")
        s.append(f'group {g} {{ label {L3.format(label)}{extra} }}')
    s += triggers
    s += [f'question {q}: impact {{ text {L3.format(f"How does the decision affect {q}?")} '
          f'domain {v["domain"]} groups {", ".join(v["groups"])} }}' for q, v in D_SPEC.items()]
    return "\n".join(s + tail) + "\n"


DENSE_EVA_PATH = os.path.join(HERE, "dense.eva")


def eva_tokens(text: str) -> str:
    """A checklist's text without comments, whitespace and parentheses: equal for
    the generator's output and its canonical form (`ennakko fmt`), different as
    soon as an id, a number, an operator or a text changes."""
    return re.sub(r"[()\s]", "", re.sub(r"#[^\n]*", "", text))


def eva_dense_checked() -> str:
    """The committed dense.eva, after checking that the generator still makes it."""
    with open(DENSE_EVA_PATH, encoding="utf-8") as f:
        on_disk = f.read()
    if eva_tokens(on_disk) != eva_tokens(eva_dense()):
        sys.exit("ABORT: benches/peers/dense.eva differs from what bench.py generates; "
                 "run bench.py --write-eva")
    return on_disk


def write_eva() -> None:
    """Writes dense.eva from the generator, in canonical form when the CLI is built."""
    with open(DENSE_EVA_PATH, "w", encoding="utf-8") as f:
        f.write(eva_dense())
    cli = os.path.join(HERE, "..", "..", "target", "debug", "ennakko")
    if os.access(cli, os.X_OK):
        subprocess.run([cli, "fmt", DENSE_EVA_PATH], check=True)
        subprocess.run([cli, "check", DENSE_EVA_PATH], check=True)
    else:
        print("target/debug/ennakko not built: dense.eva is not in canonical form "
              "(run `ennakko fmt` and `ennakko check` on it)", file=sys.stderr)
    print(f"wrote {DENSE_EVA_PATH}", file=sys.stderr)


class Workload:
    def __init__(self, name, generate, eva, rules, eva_name, rich, describe):
        self.name, self.generate, self.eva, self.rules = name, generate, eva, rules
        self.rule_ids = list(rules)
        self.eva_name, self.rich, self.describe = eva_name, rich, describe


WORKLOADS = {
    "basic": Workload("basic", generate_basic, eva_basic, BASIC_RULES, "peers.eva", False,
                      "20 triggers + 40 impact cells (one per question) over 12 groups + 10 rules"),
    "dense": Workload("dense", generate_dense, eva_dense_checked, DENSE_RULES, "dense.eva", True,
                      "EVA-like: 20 triggers + ~140 impact cells (12 groups x 40 questions) + 10 rules"),
}


def group_scores(wl, alt):
    g = dict.fromkeys(GROUPS, 0)
    for c in alt["impacts"]:
        d = c["direction"]
        if wl.rich:
            if d.__class__ is int:
                g[c["group"]] += d * W.get(c.get("magnitude"), 2) * LIK.get(c.get("likelihood"), 0.75)
        else:
            g[c["group"]] += d * W[c["magnitude"]]
    return g


# ---------------------------------------------------------------- translators
def tr(node, L):
    """Translate a rule AST into a language L (a dict of formatters)."""
    kind = node[0]
    if kind == "yes":
        return L["yes"](node[1])
    if kind == "cmp":
        lhs = node[1]
        if lhs[0] == "cost":
            l = L["cost"]
        else:
            l = L["gsum"]([f"g{i}" for i in lhs[1]])
        return L["cmp"](l, node[2], node[3])
    if kind == "not":
        return L["not"](tr(node[1], L))
    return L[kind](tr(node[1], L), tr(node[2], L))


def infix(andw, orw, notf):
    return {"and": lambda a, b: f"({a} {andw} {b})", "or": lambda a, b: f"({a} {orw} {b})",
            "not": notf, "cmp": lambda l, op, k: f"({l} {op} {k})"}


PY = {**infix("and", "or", lambda a: f"(not {a})"),
      "yes": lambda i: f"(a['t{i}'] == 'yes')", "cost": "cost",
      "gsum": lambda gs: "(" + " + ".join(f"g['{x}']" for x in gs) + ")"}
EVA = {**infix("and", "or", lambda a: f"(not {a})"),
       "yes": lambda i: f"(t{i} == yes)", "cost": "fact.cost_eur",
       "gsum": lambda gs: "(" + " + ".join(f"impact({x})" for x in gs) + ")"}
CEL = {**infix("&&", "||", lambda a: f"!{a}"),
       "yes": lambda i: f'(a.t{i} == "yes")', "cost": "cost",
       "gsum": lambda gs: "(" + " + ".join(f"g.{x}" for x in gs) + ")"}
RE = {**infix("and", "or", lambda a: f"(not {a})"),
      "yes": lambda i: f"(a['t{i}'] == 'yes')", "cost": "cost",
      "gsum": lambda gs: "(" + " + ".join(f"g['{x}']" for x in gs) + ")"}
ZEN = {**infix("and", "or", lambda a: f"(not {a})"),
       "yes": lambda i: f"(a.t{i} == 'yes')", "cost": "cost",
       "gsum": lambda gs: "(" + " + ".join(gs) + ")"}
JL = {"and": lambda a, b: {"and": [a, b]}, "or": lambda a, b: {"or": [a, b]},
      "not": lambda a: {"!": [a]}, "cmp": lambda l, op, k: {op: [l, k]},
      "yes": lambda i: {"==": [{"var": f"a.t{i}"}, "yes"]}, "cost": {"var": "cost"},
      "gsum": lambda gs: {"+": [{"var": f"g.{x}"} for x in gs]}}


def verdict_expr(yes, orw, cost_cmp, ternary):
    full = f" {orw} ".join([yes(i) for i in FULL_TRIGGERS] + [cost_cmp])
    light = f" {orw} ".join(yes(i) for i in LIGHT_TRIGGERS)
    return ternary(full, "'full'", ternary(light, "'light'", "'none'"))


# ---------------------------------------------------------------- engines
# Every maker returns {mode: (how, fn)} where fn(ds, texts) returns a list of
# (verdict, [fired rule ids]) per decision; texts are the decisions as JSON text.
def make_python(wl):
    rules = [(rid, eval(f"lambda a, g, cost: {tr(ast, PY)}")) for rid, ast in wl.rules.items()]
    full_t = [f"t{i}" for i in FULL_TRIGGERS]
    light_t = [f"t{i}" for i in LIGHT_TRIGGERS]
    rich = wl.rich

    def run(d):
        alt = d["alternatives"][0]
        a = alt["answers"]
        cost = d["facts"]["cost_eur"]
        g = dict.fromkeys(GROUPS, 0)
        if rich:
            for c in alt["impacts"]:
                dr = c["direction"]
                if dr.__class__ is int:
                    g[c["group"]] += dr * W.get(c.get("magnitude"), 2) * LIK.get(c.get("likelihood"), 0.75)
        else:
            for c in alt["impacts"]:
                g[c["group"]] += c["direction"] * W[c["magnitude"]]
        if cost >= COST_LIMIT or any(a[t] == "yes" for t in full_t):
            v = "full"
        elif any(a[t] == "yes" for t in light_t):
            v = "light"
        else:
            v = "none"
        return v, [rid for rid, f in rules if f(a, g, cost)]

    loads = json.loads
    return {"dict": ("hand-written loop over the dicts", lambda ds, ts: [run(d) for d in ds]),
            "json": ("json.loads + the same loop", lambda ds, ts: [run(loads(t)) for t in ts])}


def make_ennakko(wl):
    import ennakko
    cl = ennakko.Checklist.from_source(wl.eva(), name=wl.eva_name)
    rs = set(wl.rule_ids)
    ids = wl.rule_ids

    def out(r):
        fired = {f.rule for f in r.findings if f.rule in rs}
        return r.verdict_level, [x for x in ids if x in fired]

    def compact(ev):
        fired = set(ev.findings)
        return ev.verdict, [x for x in ids if x in fired]

    def columns(cols):
        return [(v, [x for x in ids if x in set(f)]) for v, f in zip(cols["verdict"], cols["findings"])]

    how1, howm = "score(), one call each; the full report, typed views", "score_many(), parallel, no GIL"
    howe, howc = "evaluate(), one call each; verdict + fired rules", "evaluate_many(), parallel, columns"
    return {"evaluate (dict)": (howe, lambda ds, ts: [compact(cl.evaluate(d)) for d in ds]),
            "evaluate (JSON text)": (howe, lambda ds, ts: [compact(cl.evaluate(t)) for t in ts]),
            "evaluate_many (dicts)": (howc, lambda ds, ts: columns(cl.evaluate_many(ds))),
            "evaluate_many (JSON text)": (howc, lambda ds, ts: columns(cl.evaluate_many(ts))),
            "score (dict)": (how1, lambda ds, ts: [out(cl.score(d)) for d in ds]),
            "score_many (JSON text)": (howm, lambda ds, ts: [out(r) for r in cl.score_many(ts)]),
            "_checklist": cl}


def cell_score_zen(wl):
    mag = "(#.magnitude == 'severe' ? 3 : (#.magnitude == 'moderate' ? 2 : 1))"
    if not wl.rich:
        return f"#.direction * {mag}"
    mag = "(#.magnitude == 'severe' ? 3 : (#.magnitude == 'minimal' ? 1 : 2))"
    lik = ("(#.likelihood == 'certain' ? 1 : (#.likelihood == 'possible' ? 0.5 : "
           "(#.likelihood == 'unlikely' ? 0.25 : 0.75)))")
    return f"((#.direction == 'mixed' or #.direction == 'unknown') ? 0 : #.direction) * {mag} * {lik}"


def make_zen(wl):
    import zen
    s = cell_score_zen(wl)
    e1 = [{"id": f"e{g}", "key": g,
           "value": f"sum(map(filter(alternatives[0].impacts, #.group == '{g}'), {s}))"}
          for g in GROUPS]
    e1 += [{"id": "ea", "key": "a", "value": "alternatives[0].answers"},
           {"id": "ec", "key": "cost", "value": "facts.cost_eur"}]
    v = verdict_expr(ZEN["yes"], "or", f"cost >= {COST_LIMIT}", lambda c, t, e: f"(({c}) ? {t} : {e})")
    e2 = [{"id": "ev", "key": "verdict", "value": v}]
    e2 += [{"id": f"e{rid}", "key": rid, "value": tr(ast, ZEN)} for rid, ast in wl.rules.items()]
    graph = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "in", "position": {"x": 0, "y": 0}},
            {"id": "n1", "type": "expressionNode", "name": "groups", "position": {"x": 1, "y": 0},
             "content": {"expressions": e1}},
            {"id": "n2", "type": "expressionNode", "name": "rules", "position": {"x": 2, "y": 0},
             "content": {"expressions": e2}},
            {"id": "out", "type": "outputNode", "name": "out", "position": {"x": 3, "y": 0}},
        ],
        "edges": [{"id": "a", "sourceId": "in", "targetId": "n1", "type": "edge"},
                  {"id": "b", "sourceId": "n1", "targetId": "n2", "type": "edge"},
                  {"id": "c", "sourceId": "n2", "targetId": "out", "type": "edge"}],
    }
    engine = zen.ZenEngine()
    dec = engine.create_decision(json.dumps(graph))
    ids = wl.rule_ids

    def run(d):
        r = dec.evaluate(d)["result"]
        return r["verdict"], [rid for rid in ids if r[rid]]

    return {"": ("decision graph: 2 expression nodes", lambda ds, ts: [run(d) for d in ds])}


def make_cel(wl):
    import cel
    ids = wl.rule_ids
    v = verdict_expr(CEL["yes"], "||", f"cost >= {COST_LIMIT}",
                     lambda c, t, e: f"(({c}) ? {t} : {e})").replace("'", '"')
    if not wl.rich:
        # Two programs, so values cross the boundary twice per decision: one returns
        # the map of group scores, one the verdict and the rules. CEL has no
        # sum/fold: a group score is the unrolled sum over that group's cells, which
        # the generator keeps in question order (cell i-1 is question qi).
        w = '{"minimal": 1, "moderate": 2, "severe": 3}'
        groups = ", ".join(f'"{g}": ' + " + ".join(
            f"c[{i - 1}].direction * {w}[c[{i - 1}].magnitude]" for i in range(1, B_QUESTIONS + 1)
            if B_Q_GROUP[f"q{i}"] == g) for g in GROUPS)
        gp = cel.compile("{" + groups + "}")
        rp = cel.compile("{" + f'"verdict": {v}, ' + ", ".join(
            f'"{rid}": {tr(ast, CEL)}' for rid, ast in wl.rules.items()) + "}")

        def run(d):
            alt = d["alternatives"][0]
            g = gp.execute({"c": alt["impacts"]})
            r = rp.execute({"a": alt["answers"], "g": g, "cost": d["facts"]["cost_eur"]})
            return r["verdict"], [rid for rid in ids if r[rid]]

        return {"": ("2 compiled programs per decision", lambda ds, ts: [run(d) for d in ds])}

    # Dense: cells vary per decision, and CEL has no sum, fold or let. Program 1
    # maps each group's cells to their scores (filter + map: a list per group);
    # program 2 sums each list by unrolled, size-guarded positions (a group has at
    # most one cell per question naming it) and computes the verdict and rules.
    score = ('(type(x.direction) == int ? double(x.direction) : 0.0)'
             ' * (has(x.magnitude) ? {"minimal": 1.0, "moderate": 2.0, "severe": 3.0}[x.magnitude] : 2.0)'
             ' * (has(x.likelihood) ? {"unlikely": 0.25, "possible": 0.5, "likely": 0.75, "certain": 1.0}'
             '[x.likelihood] : 0.75)')
    lp = cel.compile("{" + ", ".join(f'"{g}": c.filter(x, x.group == "{g}").map(x, {score})'
                                     for g in GROUPS) + "}")

    def gsum_one(g):
        return "(" + " + ".join(f"(size(l.{g}) > {i} ? l.{g}[{i}] : 0.0)"
                                for i in range(D_MAX_PER_GROUP[g])) + ")"

    L = {**CEL, "gsum": lambda gs: "(" + " + ".join(gsum_one(x) for x in gs) + ")",
         "cmp": lambda l, op, k: f"({l} {op} {float(k) if l != 'cost' else k})"}
    rp = cel.compile("{" + f'"verdict": {v}, ' + ", ".join(
        f'"{rid}": {tr(ast, L)}' for rid, ast in wl.rules.items()) + "}")

    def run(d):
        alt = d["alternatives"][0]
        lists = lp.execute({"c": alt["impacts"]})
        r = rp.execute({"a": alt["answers"], "l": lists, "cost": d["facts"]["cost_eur"]})
        return r["verdict"], [rid for rid in ids if r[rid]]

    return {"": ("2 compiled programs per decision (filter+map, unrolled sums)",
                 lambda ds, ts: [run(d) for d in ds])}


def make_rule_engine(wl):
    import rule_engine
    # Two rules per decision: the map of group scores, then verdict and rules.
    if wl.rich:
        mag = "(c&['magnitude'] == 'severe' ? 3 : (c&['magnitude'] == 'minimal' ? 1 : 2))"
        lik = ("(c&['likelihood'] == 'certain' ? 1 : (c&['likelihood'] == 'possible' ? 0.5 : "
               "(c&['likelihood'] == 'unlikely' ? 0.25 : 0.75)))")
        s = f"((c['direction'] == 'mixed' or c['direction'] == 'unknown') ? 0 : c['direction']) * {mag} * {lik}"
    else:
        s = "c['direction'] * (c['magnitude'] == 'severe' ? 3 : (c['magnitude'] == 'moderate' ? 2 : 1))"
    gp = rule_engine.Rule("{" + ", ".join(
        f"'{g}': $sum([{s} for c in cells if c['group'] == '{g}'])" for g in GROUPS) + "}")
    v = verdict_expr(RE["yes"], "or", f"cost >= {COST_LIMIT}", lambda c, t, e: f"(({c}) ? {t} : {e})")
    rp = rule_engine.Rule("{" + f"'verdict': {v}, " + ", ".join(
        f"'{rid}': {tr(ast, RE)}" for rid, ast in wl.rules.items()) + "}")
    ids = wl.rule_ids

    def run(d):
        alt = d["alternatives"][0]
        g = gp.evaluate({"cells": alt["impacts"]})
        r = rp.evaluate({"a": alt["answers"], "g": g, "cost": d["facts"]["cost_eur"]})
        return r["verdict"], [rid for rid in ids if r[rid]]

    return {"": ("2 compiled rules per decision", lambda ds, ts: [run(d) for d in ds])}


def jsonlogic_rules(wl):
    """The JsonLogic peers' rules: 12 group-score rules over `cells`, the
    verdict rule and the 10 rules over `a`, `g` and `cost`."""
    if wl.rich:
        mag = {"if": [{"==": [{"var": "current.magnitude"}, "severe"]}, 3,
                      {"==": [{"var": "current.magnitude"}, "minimal"]}, 1, 2]}
        lik = {"if": [{"==": [{"var": "current.likelihood"}, "certain"]}, 1,
                      {"==": [{"var": "current.likelihood"}, "possible"]}, 0.5,
                      {"==": [{"var": "current.likelihood"}, "unlikely"]}, 0.25, 0.75]}
        dr = {"if": [{"in": [{"var": "current.direction"}, ["mixed", "unknown"]]}, 0,
                     {"var": "current.direction"}]}
        s = {"*": [dr, mag, lik]}
    else:
        mag = {"if": [{"==": [{"var": "current.magnitude"}, "severe"]}, 3,
                      {"==": [{"var": "current.magnitude"}, "moderate"]}, 2, 1]}
        s = {"*": [{"var": "current.direction"}, mag]}
    gl = {g: {"reduce": [{"filter": [{"var": "cells"}, {"==": [{"var": "group"}, g]}]},
                         {"+": [{"var": "accumulator"}, s]}, 0]}
          for g in GROUPS}
    yes = JL["yes"]
    full = {"or": [yes(i) for i in FULL_TRIGGERS] + [{">=": [{"var": "cost"}, COST_LIMIT]}]}
    light = {"or": [yes(i) for i in LIGHT_TRIGGERS]}
    v = {"if": [full, "full", light, "light", "none"]}
    rules = [(rid, tr(ast, JL)) for rid, ast in wl.rules.items()]
    return gl, v, rules


def make_jsonlogic(wl):
    from json_logic import jsonLogic
    gl, v, rules = jsonlogic_rules(wl)

    def run(d):
        alt = d["alternatives"][0]
        cells = {"cells": alt["impacts"]}
        g = {k: jsonLogic(p, cells) for k, p in gl.items()}
        ctx = {"a": alt["answers"], "g": g, "cost": d["facts"]["cost_eur"]}
        return jsonLogic(v, ctx), [rid for rid, p in rules if jsonLogic(p, ctx)]

    return {"": ("23 JsonLogic rules (pure Python)", lambda ds, ts: [run(d) for d in ds])}


def make_datalogic(wl):
    # The same 23 rules, compiled once by datalogic-py's Rust engine. Each
    # decision is converted twice (the cells, then answers, group scores and
    # cost) into the engine's pre-parsed data handles, and every rule
    # evaluated in one session (its arena reused from call to call).
    from datalogic_py import DataHandle, Engine
    engine = Engine()
    gl, v, rules = jsonlogic_rules(wl)
    gl = [(k, engine.compile(p)) for k, p in gl.items()]
    v = engine.compile(v)
    rules = [(rid, engine.compile(p)) for rid, p in rules]
    session = engine.session()
    ev = session.evaluate_data

    def run(d):
        alt = d["alternatives"][0]
        cells = DataHandle({"cells": alt["impacts"]})
        g = {k: ev(p, cells) for k, p in gl}
        ctx = DataHandle({"a": alt["answers"], "g": g, "cost": d["facts"]["cost_eur"]})
        return ev(v, ctx), [rid for rid, p in rules if ev(p, ctx)]

    return {"": ("23 compiled JsonLogic rules, 2 data handles per decision",
                 lambda ds, ts: [run(d) for d in ds])}


ENGINES = [
    ("plain Python", make_python, None),
    ("ennakko", make_ennakko, "ennakko"),
    ("zen-engine", make_zen, "zen-engine"),
    ("CEL (common-expression-language)", make_cel, "common-expression-language"),
    ("rule-engine", make_rule_engine, "rule-engine"),
    ("JsonLogic (json-logic-qubit)", make_jsonlogic, "json-logic-qubit"),
    ("JsonLogic (datalogic-py, Rust)", make_datalogic, "datalogic-py"),
]


def version_of(dist):
    if dist is None:
        return platform.python_version()
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:
        return "?"


def bench(wl, n, runs):
    ds = wl.generate(n)
    texts = [json.dumps(d) for d in ds]
    expected = make_python(wl)["dict"][1](ds, texts)
    vc = {k: sum(1 for v, _ in expected if v == k) for k in ("none", "light", "full")}
    fc = {r: sum(1 for _, f in expected if r in f) for r in wl.rule_ids}
    cells = [len(d["alternatives"][0]["impacts"]) for d in ds]
    print(f"workload {wl.name}: {n} decisions x ({wl.describe}); cells per decision "
          f"min {min(cells)} median {statistics.median(cells):.0f} max {max(cells)}; "
          f"verdicts {vc}; rules fired {fc}", file=sys.stderr)

    entries, skipped = [], []
    for name, make, dist in ENGINES:
        try:
            modes = make(wl)
        except ImportError as e:
            skipped.append(f"{name}: not installed ({e})")
            continue
        if name == "ennakko":
            # Also check the group scores, not only what is derived from them.
            cl = modes.pop("_checklist")
            for d in ds[:50]:
                alt = cl.score(d).proposals[0]
                g = group_scores(wl, d["alternatives"][0])
                got = {x: alt.group(x).value for x in GROUPS}
                if got != g:
                    sys.exit(f"ABORT: ennakko group scores differ for {d['id']}: {got} != {g}")
        for mode, (how, fn) in modes.items():
            label = f"{name} {mode}" if mode and name == "ennakko" else (
                f"{name} ({'from JSON text' if mode == 'json' else 'dicts'})" if name == "plain Python" else name)
            got = fn(ds, texts)
            bad = [(d["id"], e, r) for d, e, r in zip(ds, expected, got)
                   if (r[0], list(r[1])) != (e[0], list(e[1]))]
            if bad:
                sys.exit(f"ABORT [{wl.name}]: {label} disagrees with plain Python on {len(bad)} of {n} "
                         f"decisions; first: {bad[0][0]} expected {bad[0][1]} got {bad[0][2]}")
            entries.append({"label": label, "how": how, "ver": version_of(dist), "fn": fn, "t": []})

    # Interleaved rounds: every entry once per round, the order rotated each round.
    for r in range(runs):
        k = r % len(entries)
        for e in entries[k:] + entries[:k]:
            t0 = time.perf_counter()
            e["fn"](ds, texts)
            e["t"].append(time.perf_counter() - t0)
        print(f"  [{wl.name}] round {r + 1}/{runs} done", file=sys.stderr)

    for e in entries:
        e["us"] = statistics.median(e["t"]) / n * 1e6
    ref = next(e["us"] for e in entries if e["label"] == "plain Python (dicts)")
    lines = [f"Workload **{wl.name}** ({wl.describe}; cells per decision min {min(cells)}, "
             f"median {statistics.median(cells):.0f}, max {max(cells)}): {n} decisions, median of {runs} "
             f"interleaved rounds, Python {platform.python_version()}, {os.cpu_count()} cores "
             f"(score_many uses all of them; every other row is one thread), "
             f"load average {os.getloadavg()[0]:.1f} at the end.", "",
             "| engine | how | version | µs/decision | decisions/s | time vs plain Python |",
             "|---|---|---|---:|---:|---:|"]
    for e in sorted(entries, key=lambda e: e["us"]):
        ratio = e["us"] / ref
        rs = f"{ratio:.2f}x" if ratio < 10 else f"{ratio:,.0f}x"
        lines.append(f"| {e['label']} | {e['how']} | {e['ver']} | {e['us']:,.1f} | {1e6 / e['us']:,.0f} | {rs} |")
    for s in skipped:
        lines.append(f"\nskipped: {s}")
    lines.append("\nAll engines returned the same verdict and fired rules as plain Python for every decision.")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="100 decisions, 3 rounds")
    ap.add_argument("--workload", choices=["basic", "dense", "both"], default="both")
    ap.add_argument("--runs", type=int, help="rounds (default 5, --quick 3)")
    ap.add_argument("--n", type=int, help="decisions per workload (default 1000, --quick 100)")
    ap.add_argument("--write-decisions", metavar="PATH",
                    help="write the workload's decisions as one JSON list to PATH and exit "
                         "(for crates/ennakko/examples/profile.rs)")
    ap.add_argument("--write-eva", action="store_true",
                    help="write benches/peers/dense.eva from the generator (then ennakko fmt/check) and exit")
    a = ap.parse_args()
    if a.write_eva:
        write_eva()
        return 0
    if a.write_decisions:
        wl = WORKLOADS["basic" if a.workload == "basic" else "dense"]
        with open(a.write_decisions, "w", encoding="utf-8") as f:
            json.dump(wl.generate(a.n or 1000), f)
        return 0
    n = a.n or (100 if a.quick else 1000)
    runs = a.runs or (3 if a.quick else 5)
    names = ["basic", "dense"] if a.workload == "both" else [a.workload]
    tables = [bench(WORKLOADS[x], n, runs) for x in names]
    print("\n\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
