"""Chat load benchmark: simulated users asking at once through the Gradio API, and the chat's start-up time.

Run: python -m evaluation.bench_chat [--url URL] [--users 10] [--seconds 60] [--think 0] [--index DIR]
Without --url it starts `cadre chat` on a free loopback port, times how long the page takes to answer
HTTP and then a first question, and samples the server's RSS; with --url it drives a running chat
(no start-up time, RSS only if --pid is given). Latency is the wall time of one /ask call, streaming included.
Users ask back to back by default (--think 0, a stress test); --think N waits N s between questions, as an agent
reading the answer would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # both read when the libraries are imported
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import psutil
from gradio_client import Client

QUESTIONS = Path(__file__).parent / "questions_fr.jsonl"
QUESTIONS_PER_SESSION = 3
TARGET_P95_S = 1.0
TARGET_START_S = 15.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def _start_chat(index: Path | None) -> tuple[subprocess.Popen, str, float, float]:
    """The chat process, its address, seconds until the page answers and until a first question is answered."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "assistant", "chat", "--port", str(port)]
    if index:
        command += ["--index", str(index)]
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}
    started = time.perf_counter()
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not _page_answers(url):
        if server.poll() is not None or time.perf_counter() - started > 300:
            raise SystemExit(f"the chat did not start (exit code {server.poll()})")
        time.sleep(0.05)
    page = time.perf_counter() - started
    _client(url).predict("Quelles pratiques d'IA sont interdites ?", "tous", "", "extractive", api_name="/ask")
    return server, url, page, time.perf_counter() - started


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# gradio_client opens a new httpx connection for every request, and httpx loads the CA bundle into a fresh
# TLS context each time unless given one (ssl_verify is passed on as httpx's `verify`, which takes a context):
# that alone was three quarters of the load generator's CPU.
TLS = ssl.create_default_context()


def _client(url: str) -> Client:
    """gradio_client sends telemetry unless told not to, whatever GRADIO_ANALYTICS_ENABLED says."""
    return Client(url, verbose=False, analytics_enabled=False, ssl_verify=TLS)


class Peak:
    """Peak RSS of a process and its children, sampled in the background, and the CPU time they use."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.bytes = 0
        self.running = True
        self.cpu_start = self.cpu_seconds()
        threading.Thread(target=self._sample, daemon=True).start()

    def cpu_seconds(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system + times.children_user + times.children_system

    def _sample(self) -> None:
        while self.running:
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                self.bytes = max(self.bytes, sum(p.memory_info().rss for p in tree))
            except psutil.Error:
                return
            time.sleep(0.2)


def _user(url: str, questions: list[str], offset: int, think: float, until: float, record: dict[str, list]) -> None:
    """One simulated agent: a few questions per conversation, then a new session, until time is up.

    Agents do not ask in step: each starts at a random moment of the first think time and thinks
    between half and one and a half times `think`."""
    latencies, errors = record["latencies"], record["errors"]
    jitter = random.Random(offset)
    time.sleep(jitter.uniform(0, think))
    asked = offset
    while time.perf_counter() < until:
        try:
            client = _client(url)
        except Exception as exc:  # a load test counts failures instead of stopping at the first
            errors.append(f"connect: {exc}")
            time.sleep(0.5)
            continue
        for _ in range(QUESTIONS_PER_SESSION):
            if time.perf_counter() >= until:
                return
            question = questions[asked % len(questions)]
            asked += 1
            started = time.perf_counter()
            try:
                client.predict(question, "tous", "", "extractive", api_name="/ask")
                latencies.append(time.perf_counter() - started)
            except Exception as exc:  # idem
                errors.append(f"ask: {type(exc).__name__}: {exc}")
            time.sleep(think * jitter.uniform(0.5, 1.5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running chat (default: start one)")
    parser.add_argument("--pid", type=int, help="with --url: the server process, to sample its RSS")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=0.0, help="seconds each user waits between questions")
    parser.add_argument("--index", type=Path, help="index folder for the chat this starts")
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]

    server = None
    if args.url:
        url, pid = args.url, args.pid
    else:
        server, url, page_s, ready_s = _start_chat(args.index)
        pid = server.pid
        print(f"start-up: page answers after {page_s:.1f} s (target ≤ {TARGET_START_S:g} s)")
        print(f"start-up: first answer after {ready_s:.1f} s (model and index loaded behind the page)")
    peak = Peak(pid) if pid else None
    record: dict[str, list] = {"latencies": [], "errors": []}
    latencies, errors = record["latencies"], record["errors"]
    until = time.perf_counter() + args.seconds
    client_cpu = _own_cpu_seconds()
    users = [
        threading.Thread(target=_user, args=(url, questions, i * 17, args.think, until, record))
        for i in range(args.users)
    ]
    for user in users:
        user.start()
    for user in users:
        user.join()
    client_cpu = _own_cpu_seconds() - client_cpu
    if peak:
        peak.running = False
        cpu = peak.cpu_seconds() - peak.cpu_start
    if server:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"{args.users} users, {args.think:g} s between questions, for {args.seconds:g} s: "
        f"{len(latencies)} answers, {len(errors)} errors"
    )
    for error in sorted(set(errors))[:5]:
        print(f"  error: {error}")
    if latencies:
        p50 = statistics.median(latencies)
        p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
        print(f"answer latency: p50 {p50:.2f} s, p95 {p95:.2f} s (target p95 ≤ {TARGET_P95_S:g} s)")
        print(f"throughput: {len(latencies) / args.seconds:.1f} answers/s")
    if peak:
        print(f"peak server RSS: {peak.bytes / 2**20:.0f} MiB")
        if latencies:
            print(f"server CPU: {cpu / len(latencies) * 1000:.0f} ms per answer")
    if latencies:
        # on the same machine the simulated users compete with the server for the same cores
        print(f"load generator CPU (gradio_client): {client_cpu / len(latencies) * 1000:.0f} ms per answer")


if __name__ == "__main__":
    main()
