"""Disjoint sets (union-find), for the entities and the event clusters."""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K", int, str)


class UnionFind(Generic[K]):
    """Disjoint sets; a set's representative is its smallest member."""

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
