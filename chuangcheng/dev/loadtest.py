"""Load benchmark: N people at once over the pages, through Streamlit's own websocket protocol.

Each session speaks to `/_stcore/stream` as the browser does: a BackMsg asking to run a page (its url path,
query string and, once the server has named them, its page hash), then the ForwardMsgs of that run until
`script_finished`. A page's time is from the request to that message; an exception element, a compile
error, a page not found, a timeout or a dropped connection is an error. Server memory is the RSS of the
server process and its children, read from /proc. Localhost only: this is a load generator.
"""

import asyncio
import contextlib
from concurrent.futures import ThreadPoolExecutor
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from chuangcheng import ROOT
from chuangcheng.errors import ChuangchengError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
PAGES = ("", "district", "compare", "data", "indicators")  # "" is the overview, the landing page
MOST_SECONDS = 3600  # the run is bounded whatever is asked
PAGE_TIMEOUT = 60.0
FINISHED = (0, 1, 3)  # successfully, compile error, fragment; 2 is "stopped early for a rerun": keep waiting
COMPILE_ERROR = 1


@dataclass
class Choices:
    """What a person may pick, read from the server's own API so any snapshot works."""

    regions: list[str]
    year: int
    years: tuple[int, int]
    indicators: list[str]


@dataclass
class Run:
    page: str
    seconds: float
    error: str = ""


@dataclass
class Tally:
    """Every page run of every session, and when the sessions started and stopped."""

    runs: list[Run] = field(default_factory=list)
    started: float = 0.0
    stopped: float = 0.0


def run_loop(coroutine):
    """asyncio.run, or in a thread of its own when this thread already runs a loop (a caller inside
    Playwright's sync API, as the test suite is)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def check_local(url: str) -> str:
    """The URL without a trailing slash, or an error if it is not this machine."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname not in LOCAL_HOSTS:
        raise ChuangchengError(
            f"--url must be a server on this machine (http://127.0.0.1:PORT or localhost), not {url!r}"
        )
    return url.rstrip("/")


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def read_choices(url: str) -> Choices:
    """Regions and the latest year from /api/overview.json, indicators and years from one region's trend."""
    overview = get_json(f"{url}/api/overview.json")
    regions = [row["region_code"] for row in overview["data"]]
    if not regions:
        raise ChuangchengError(f"{url}/api/overview.json lists no region: nothing to load the pages with")
    trend = get_json(f"{url}/api/region_trend.json?district={regions[0]}")["data"]
    years = sorted({row["year"] for row in trend})
    indicators = sorted({row["indicator"] for row in trend})
    return Choices(regions, int(overview["params"]["year"][0]), (years[0], years[-1]), indicators)


def visit(rng: random.Random, choices: Choices) -> tuple[str, str]:
    """One page with a query string a person could have in a link (mostly English, some Chinese)."""
    page = rng.choice(PAGES)
    query: list[tuple[str, object]] = [("lang", "zh")] if rng.random() < 0.3 else []
    first, last = choices.years
    if page == "":
        query.append(("year", rng.randint(max(first, choices.year - 5), choices.year)))
    elif page == "district":
        query += [
            ("district", rng.choice(choices.regions)),
            ("year", rng.randint(max(first, choices.year - 5), choices.year)),
        ]
    elif page in ("compare", "data"):
        query += [
            ("districts", code) for code in rng.sample(choices.regions, min(len(choices.regions), rng.randint(2, 4)))
        ]
        query += [
            ("indicators", code)
            for code in rng.sample(choices.indicators, min(len(choices.indicators), rng.randint(1, 3)))
        ]
        start = rng.randint(first, last)
        query += [("years", start), ("years", rng.randint(start, last))]
    return page, urlencode(query)


def rerun_request(url: str, page: str, query: str, page_hash: str) -> bytes:
    """The BackMsg a browser sends to run a page of a link."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    request = message.rerun_script
    request.query_string, request.page_script_hash, request.page_name = query, page_hash, page
    request.context_info.timezone, request.context_info.locale = "Asia/Shanghai", "en-US"
    request.context_info.url = f"{url}/{page}"  # the browser sends its address without the query
    return message.SerializeToString()


async def page_run(socket_, request: bytes, hashes: dict[str, str], deltas: list | None = None) -> str:
    """Send one rerun request and read until its script finishes; returns the error, or "". The page's
    elements (delta messages) are added to `deltas` when given."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    await socket_.send(request)
    error = ""
    while True:
        message = ForwardMsg()
        message.ParseFromString(await socket_.recv())
        kind = message.WhichOneof("type")
        if deltas is not None and kind == "delta":
            deltas.append(message.delta)
        if kind == "navigation":
            hashes.update({page.url_pathname: page.page_script_hash for page in message.navigation.app_pages})
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            if message.delta.new_element.WhichOneof("type") == "exception":
                exception = (
                    message.delta.new_element.exception
                )  # the message is redacted unless showErrorDetails allows it
                error = error or f"exception {exception.type}: {exception.message[:160]}"
        elif kind == "page_not_found":
            error = error or "page not found"
        elif kind == "script_finished" and message.script_finished in FINISHED:
            return error or ("compile error" if message.script_finished == COMPILE_ERROR else "")


async def session(number: int, url: str, choices: Choices, pause: float, until: float, tally: Tally, seed: int) -> None:
    """One person: opens a link, then another page every `pause` seconds (±50%, so sessions drift apart) until `until`."""
    import websockets

    rng = random.Random(seed * 1000 + number)
    await asyncio.sleep(rng.uniform(0, pause))  # people do not all arrive in the same instant
    hashes: dict[str, str] = {}
    try:
        async with websockets.connect(
            url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=PAGE_TIMEOUT,
            ping_interval=None,
        ) as socket_:
            while time.monotonic() < until:
                page, query = visit(rng, choices)
                started = time.monotonic()
                try:
                    error = await asyncio.wait_for(
                        page_run(socket_, rerun_request(url, page, query, hashes.get(page, "")), hashes), PAGE_TIMEOUT
                    )
                except TimeoutError:
                    tally.runs.append(
                        Run(page or "overview", time.monotonic() - started, f"no answer in {PAGE_TIMEOUT:.0f} s")
                    )
                    return
                tally.runs.append(Run(page or "overview", time.monotonic() - started, error))
                if pause:
                    await asyncio.sleep(min(rng.uniform(0.5, 1.5) * pause, max(0.0, until - time.monotonic())))
    except Exception as failure:  # refused, reset or closed: websockets' errors and OSErrors alike count as an error
        tally.runs.append(Run("connection", 0.0, f"{type(failure).__name__}: {failure}"[:200]))


async def sessions(count: int, url: str, choices: Choices, pause: float, duration: float, seed: int) -> Tally:
    tally = Tally(started=time.monotonic())
    until = tally.started + duration
    await asyncio.gather(*(session(n, url, choices, pause, until, tally, seed) for n in range(count)))
    tally.stopped = time.monotonic()
    return tally


def warm_up(url: str, choices: Choices) -> list[Run]:
    """One session over every page once, so the figures are of a server in use, not of its first page."""
    tally = Tally()

    async def every_page():
        import websockets

        hashes: dict[str, str] = {}
        async with websockets.connect(
            url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"], max_size=None
        ) as socket_:
            rng = random.Random(0)
            for page in PAGES:
                query = next(q for p, q in iter(lambda: visit(rng, choices), None) if p == page)
                started = time.monotonic()
                error = await asyncio.wait_for(
                    page_run(socket_, rerun_request(url, page, query, hashes.get(page, "")), hashes), PAGE_TIMEOUT * 2
                )
                tally.runs.append(Run(page or "overview", time.monotonic() - started, error))

    run_loop(every_page())
    return tally.runs


def page_deltas(url: str, page: str, query: str) -> tuple[str, list]:
    """One page of a link as one new session sees it: its error (or "") and its elements, in order."""

    async def one_page():
        import websockets

        deltas: list = []
        async with websockets.connect(
            url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"], max_size=None
        ) as socket_:
            error = await asyncio.wait_for(
                page_run(socket_, rerun_request(url, page, query, ""), {}, deltas), PAGE_TIMEOUT * 2
            )
        return error, deltas

    return run_loop(one_page())


def listening_pid(port: int) -> int | None:
    """The process of this user listening on a local TCP port (from /proc/net/tcp and each process's sockets)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            columns = line.split()
            if columns[3] == "0A" and int(columns[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{columns[9]}]")
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            if inodes & {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}:
                return int(pid)
        except OSError:
            continue
    return None


def family(pid: int) -> list[int]:
    """The process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rss_mb(pids: int | list[int]) -> float | None:
    """Resident memory of processes (one, or every server behind a balancer) and their children, in MB (None if
    it cannot be read)."""
    total = 0
    for member in {m for pid in ([pids] if isinstance(pids, int) else pids) for m in family(pid)}:
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return round(total / 1024, 1) if total else None


def threads(pids: list[int]) -> int | None:
    try:
        return sum(len(os.listdir(f"/proc/{pid}/task")) for pid in pids)
    except OSError:
        return None


class MemoryWatch:
    """Samples a server's RSS in the background; the peak since the last reset."""

    def __init__(self, pids: list[int], every: float = 0.25):
        self.pids, self.every, self.peak = pids, every, None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            current = rss_mb(self.pids) if self.pids else None
            if current is not None and (self.peak is None or current > self.peak):
                self.peak = current

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(command: list[str], log: Path, url: str, env: dict | None = None):
    """A server process, its output in log, until it answers at url/_stcore/health; stopped on leaving."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
    try:
        wait_healthy(url, process, log)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_command(port: int, options: tuple[str, ...] = ()) -> list[str]:
    """`streamlit run serve.py` as `make run` starts it (the pages and the API), on a localhost port."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "serve.py",
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        *options,
    ]


@contextmanager
def own_server(data_dir: Path, log: Path, options: tuple[str, ...] = ()):
    """The server on a free localhost port with the given data; yields (url, pid)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(server_command(port, options), log, url, {"CHUANGCHENG_DATA_DIR": str(data_dir)}) as process:
        yield url, process.pid


def wait_healthy(url: str, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ChuangchengError(f"the server exited:\n{log.read_text()[-2000:]}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.3)
    raise ChuangchengError(f"the server did not start in {seconds:.0f} s:\n{log.read_text()[-2000:]}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def times(runs: list[Run]) -> dict:
    seconds = [run.seconds for run in runs if not run.error]
    if not seconds:
        return {"runs": 0}
    return {
        "runs": len(seconds),
        "p50_s": round(statistics.median(seconds), 3),
        "p95_s": round(percentile(seconds, 0.95), 3),
        "max_s": round(max(seconds), 3),
    }


def summary(tally: Tally, count: int, pause: float, duration: float) -> dict:
    """Page times overall and per page, errors, page runs a second."""
    runs = [run for run in tally.runs if run.page != "connection"]
    errors = [run for run in tally.runs if run.error]
    elapsed = tally.stopped - tally.started
    return {
        "sessions": count,
        "pause_s": pause,
        "duration_s": duration,
        "elapsed_s": round(elapsed, 1),
        "page_runs": len(runs),
        "runs_per_s": round(sum(1 for run in runs if not run.error) / elapsed, 2) if elapsed else 0.0,
        **times(runs),
        "errors": len(errors),
        "error_samples": sorted({f"{run.page}: {run.error}" for run in errors})[:10],
        "by_page": {
            page or "overview": times([run for run in runs if run.page == (page or "overview")]) for page in PAGES
        },
    }


def measure(url: str, pids: list[int], count: int, pause: float, duration: float, settle: float, seed: int) -> dict:
    """Warm up, then N sessions for `duration` seconds with the servers' memory watched, then `settle` seconds idle."""
    memory = {"start_mb": rss_mb(pids) if pids else None}
    choices = read_choices(url)
    warm = warm_up(url, choices)
    time.sleep(1)
    memory["idle_mb"], memory["idle_threads"] = (rss_mb(pids), threads(pids)) if pids else (None, None)
    with MemoryWatch(pids) as watch:
        tally = run_loop(sessions(count, url, choices, pause, duration, seed))
        memory["peak_mb"], memory["peak_threads"] = watch.peak, threads(pids) if pids else None
    time.sleep(settle)
    memory["after_mb"], memory["after_threads"], memory["settle_s"] = (
        (rss_mb(pids) if pids else None),
        (threads(pids) if pids else None),
        settle,
    )
    if memory["idle_mb"] and memory["after_mb"]:
        memory["after_vs_idle_pct"] = round(100 * (memory["after_mb"] / memory["idle_mb"] - 1), 1)
    result = summary(tally, count, pause, duration)
    return {
        **result,
        "warm_up": times(warm),
        "warm_up_errors": [f"{run.page}: {run.error}" for run in warm if run.error],
        "memory": memory,
        "url": url,
        "processes": len(pids) or None,
        "machine": machine(),
    }


def machine() -> dict:
    """What the figures were measured on, including how busy it was (other work may share the cores)."""
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "loadavg_1m_at_end": round(load[0], 2),
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def run(
    count: int,
    pause: float,
    duration: float,
    settle: float,
    url: str | None,
    data_dir: Path,
    seed: int = 15,
    server_options: tuple[str, ...] = (),
    processes: int = 1,
) -> dict:
    """The load benchmark against a running server (url), else against servers started for it and stopped after:
    one, or several behind HAProxy as README "Serving many people" sets them up."""
    if count < 1 or duration <= 0 or pause < 0 or settle < 0 or processes < 1:
        raise ChuangchengError(
            "--load needs at least 1 session and 1 process, a positive --duration, and --pause and --settle of 0 or more"
        )
    if processes > 1 and url:
        raise ChuangchengError("--processes starts its own servers; it cannot be given with --url")
    if processes > 1 and shutil.which("haproxy") is None:
        raise ChuangchengError("--processes above 1 needs HAProxy in front of them: apt-get install haproxy")
    duration = min(duration, MOST_SECONDS)
    if url:
        url = check_local(url)
        pid = listening_pid(urlsplit(url).port or 80)
        return measure(url, [pid] if pid else [], count, pause, duration, settle, seed)
    logs = ROOT / "bench-out"
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(own_server(data_dir, logs / f"load-server-{n}.log", server_options))
            for n in range(1, processes + 1)
        ]
        own_url = (
            servers[0][0]
            if processes == 1
            else stack.enter_context(balancer([url for url, _ in servers], logs / "load-haproxy.cfg"))
        )
        return measure(own_url, [pid for _, pid in servers], count, pause, duration, settle, seed)


SERVER_LINE = re.compile(r"^\s*server\s.*$\n?", re.MULTILINE)
BIND_LINE = re.compile(r"^(\s*bind\s+)127\.0\.0\.1:\d+(.*)$", re.MULTILINE)


def balancer_config(port: int, backends: list[str]) -> str:
    """deploy/haproxy.cfg as shipped, bound to `port` and sending to `backends`: the benchmark measures the
    configuration the README tells people to run, not one of its own."""
    shipped = (ROOT / "deploy" / "haproxy.cfg").read_text(encoding="utf-8")
    lines = "".join(
        f"    server app{n} {urlsplit(url).netloc} check cookie app{n}\n" for n, url in enumerate(backends, start=1)
    )
    config = BIND_LINE.sub(lambda m: f"{m[1]}127.0.0.1:{port}{m[2]}", SERVER_LINE.sub("", shipped))
    return config.rstrip("\n") + "\n" + lines


@contextmanager
def balancer(backends: list[str], config_path: Path):
    """HAProxy (Debian's package) in front of the servers, on a free port; yields its url."""
    port = free_port()
    config_path.write_text(balancer_config(port, backends), encoding="utf-8")
    url = f"http://127.0.0.1:{port}"
    with running(["haproxy", "-db", "-f", str(config_path)], config_path.with_suffix(".log"), url):
        yield url


def report(result: dict) -> str:
    """A readable table of one run."""
    memory = result["memory"]
    behind = f" on {result['processes']} server processes behind HAProxy" if (result.get("processes") or 1) > 1 else ""
    lines = [
        f"{result['sessions']} sessions{behind}, {result['pause_s']:g} s pause, {result['elapsed_s']:g} s "
        f"({result['machine']['cpus']} CPUs, load average {result['machine']['loadavg_1m_at_end']} at the end)",
        f"{'page':<12}{'runs':>6}{'p50 s':>8}{'p95 s':>8}{'max s':>8}",
    ]
    for page, figures in [("all", result), *result["by_page"].items()]:
        if figures.get("runs"):
            lines.append(
                f"{page:<12}{figures['runs']:>6}{figures['p50_s']:>8.2f}{figures['p95_s']:>8.2f}{figures['max_s']:>8.2f}"
            )
    lines.append(f"page runs a second: {result['runs_per_s']:.2f}; errors: {result['errors']}")
    lines += [f"  {sample}" for sample in result["error_samples"]]
    lines.append(
        f"server memory (RSS, every server process and children): start {mb(memory['start_mb'])}, idle after a warm-up "
        f"{mb(memory['idle_mb'])}, peak {mb(memory['peak_mb'])}, {memory['settle_s']:g} s after {mb(memory['after_mb'])}"
        + (f" ({memory['after_vs_idle_pct']:+.0f}% on idle)" if "after_vs_idle_pct" in memory else "")
    )
    lines.append(
        f"server threads: idle {memory['idle_threads']}, at the end of the sessions {memory['peak_threads']}, after {memory['after_threads']}"
    )
    return "\n".join(lines)


def mb(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} MB"
