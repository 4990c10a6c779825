"""sqlite3: inserts in transactions, an index and aggregate queries, in memory."""

import sqlite3
import sys
import time


def main(rounds):
    for _ in range(rounds):
        db = sqlite3.connect(":memory:")
        db.execute("create table t (id integer primary key, name text, score real)")
        with db:
            db.executemany("insert into t (name, score) values (?, ?)",
                           (("name%d" % i, i * 0.5) for i in range(20000)))
        db.execute("create index t_name on t (name)")
        for i in range(0, 20000, 50):
            db.execute("select score from t where name = ?", ("name%d" % i,)).fetchone()
        (total,) = db.execute("select sum(score) from t").fetchone()
        assert total > 0
        db.close()


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
    print(time.perf_counter() - start)
