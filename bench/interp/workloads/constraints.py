"""Constraints (in the spirit of DeltaBlue): chains and projections of one-way
constraints with strengths, re-planned and re-propagated as inputs change."""

import sys
import time

REQUIRED, STRONG, MEDIUM, WEAK = range(4)


class Variable:
    __slots__ = ("name", "value", "constraints", "determined_by", "stay")

    def __init__(self, name, value=0):
        self.name, self.value, self.constraints, self.determined_by, self.stay = name, value, [], None, True


class Equal:
    """out = in * scale + offset, with a strength; satisfied by planning when stronger."""

    def __init__(self, source, target, strength, scale=1, offset=0):
        self.source, self.target, self.strength, self.scale, self.offset = source, target, strength, scale, offset
        self.satisfied = False
        source.constraints.append(self)
        target.constraints.append(self)

    def execute(self):
        self.target.value = self.source.value * self.scale + self.offset


class Planner:
    def __init__(self):
        self.constraints = []

    def add(self, constraint):
        self.constraints.append(constraint)

    def plan(self):
        # Stronger constraints first; a variable is determined by the first constraint
        # that reaches it.
        for c in self.constraints:
            c.satisfied = False
            c.target.determined_by = None
        plan = []
        for c in sorted(self.constraints, key=lambda c: c.strength):
            if c.target.determined_by is None:
                c.target.determined_by = c
                c.satisfied = True
                plan.append(c)
        return self.order(plan)

    def order(self, plan):
        # Topological order: a constraint runs after the one determining its source.
        done, ordered = set(), []
        pending = list(plan)
        while pending:
            rest = []
            for c in pending:
                producer = c.source.determined_by
                if producer is None or producer in done:
                    ordered.append(c)
                    done.add(c)
                else:
                    rest.append(c)
            if len(rest) == len(pending):
                raise RuntimeError("cycle")
            pending = rest
        return ordered


def chain(n):
    planner = Planner()
    variables = [Variable("v%d" % i) for i in range(n + 1)]
    for i in range(n):
        planner.add(Equal(variables[i], variables[i + 1], STRONG if i % 3 else MEDIUM))
    return planner, variables


def projection(n):
    planner = Planner()
    scale, offset = Variable("scale", 10), Variable("offset", 1000)
    sources = [Variable("src%d" % i, i) for i in range(n)]
    dests = [Variable("dst%d" % i) for i in range(n)]
    for s, d in zip(sources, dests):
        planner.add(Equal(s, d, REQUIRED, scale.value, offset.value))
    return planner, sources, dests


def main(rounds):
    for _ in range(rounds):
        planner, variables = chain(300)
        for value in range(10):
            variables[0].value = value
            for c in planner.plan():
                c.execute()
            assert variables[-1].value == value
        planner, sources, dests = projection(3000)
        plan = planner.plan()
        for c in plan:
            c.execute()
        assert dests[7].value == 7 * 10 + 1000


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
    print(time.perf_counter() - start)
