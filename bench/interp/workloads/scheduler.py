"""Scheduler (in the spirit of Richards): tasks exchange packets through a priority
scheduler; method dispatch, attribute access and linked lists."""

import sys
import time

IDLE, WORKER, HANDLER, DEVICE = range(4)


class Packet:
    __slots__ = ("link", "owner", "kind", "datum", "data")

    def __init__(self, link, owner, kind):
        self.link, self.owner, self.kind, self.datum, self.data = link, owner, kind, 0, [0] * 4

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task:
    def __init__(self, scheduler, ident, priority, queue):
        self.scheduler, self.ident, self.priority, self.queue = scheduler, ident, priority, queue
        self.waiting = queue is None
        self.held = False
        self.count = 0

    def runnable(self):
        return not self.held and not self.waiting

    def take(self):
        packet = self.queue
        if packet is not None:
            self.queue = packet.link
            self.waiting = self.queue is None
        return packet

    def receive(self, packet):
        self.queue = packet.append_to(self.queue)
        self.waiting = False


class Idle(Task):
    """Runs when every other task waits: hands one parked packet back to the worker."""

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return None
        parked = self.scheduler.tasks[DEVICE].parked
        if parked:
            return self.scheduler.send(parked.pop(), WORKER)
        return self


class Worker(Task):
    def run(self, packet):
        if packet is None:
            self.waiting = True
            return self.scheduler.next_task(self)
        self.count += 1
        packet.datum = self.count % 26
        for i in range(4):
            packet.data[i] = (packet.datum + i) % 26
        return self.scheduler.send(packet, HANDLER)


class Handler(Task):
    def run(self, packet):
        if packet is None:
            self.waiting = True
            return self.scheduler.next_task(self)
        self.count += sum(packet.data)
        return self.scheduler.send(packet, DEVICE)


class Device(Task):
    """Parks the packets it gets until the idle task hands them back out."""

    def __init__(self, *args):
        super().__init__(*args)
        self.parked = []

    def run(self, packet):
        if packet is not None:
            self.count += 1
            self.parked.append(packet)
        if self.queue is None:
            self.waiting = True
        return self.scheduler.next_task(self)


class Scheduler:
    def __init__(self, idle_rounds):
        self.tasks = {}
        packets = None
        for i in range(6):
            packets = Packet(packets, WORKER, i)
        idle = Idle(self, IDLE, 0, None)
        idle.count = idle_rounds
        idle.waiting = False
        self.tasks[IDLE] = idle
        self.tasks[WORKER] = Worker(self, WORKER, 1000, packets)
        self.tasks[HANDLER] = Handler(self, HANDLER, 2000, None)
        self.tasks[DEVICE] = Device(self, DEVICE, 4000, None)
        self.order = sorted(self.tasks.values(), key=lambda t: -t.priority)
        self.switches = 0

    def next_task(self, current):
        for task in self.order:
            if task.runnable():
                return task
        return None

    def send(self, packet, ident):
        target = self.tasks[ident]
        packet.owner = ident
        target.receive(packet)
        return self.next_task(target)

    def run(self):
        task = self.next_task(None)
        while task is not None:
            self.switches += 1
            packet = task.take() if not isinstance(task, Idle) else None
            task = task.run(packet)


def main(rounds):
    for _ in range(rounds):
        s = Scheduler(idle_rounds=20_000)
        s.run()
        assert s.switches > 60_000 and s.tasks[DEVICE].count >= 20_000


if __name__ == "__main__":
    start = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 25)
    print(time.perf_counter() - start)
