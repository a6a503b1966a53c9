"""`make bench`: how fast the reader pages are, as ratios to a bare Django view in the same run.

Starts, on free local ports, and stops again whatever happens:

- the site with the production settings under gunicorn (the command of deploy/gunicorn.conf.py,
  2 sync workers), against PostgreSQL (a scratch database per data size, built with
  bench/build_data.py when missing) and Redis: once with its page cache, once with every
  cache inside Django off (HNP_CACHE=off: each page rendered from the database);
- the bare view (bench/bare_wsgi.py) under the same gunicorn command, returning the site's
  article page as a constant;
- Debian's nginx serving that page as a static file, and nginx with deploy/nginx.conf (its
  micro-cache) in front of the cached site;

- if ../shared/anchors/anchors.sh has built them (ANCHORS_DIR, default /tmp/anchors), the
  reference pages under the same gunicorn flags: a plain Django template page (one article and
  20 titles, two queries) and a stock Wagtail page;

then measures each page with wrk (a warm-up, then BENCH_DURATION), each between two
measurements of the bare view whose mean it is compared with (so that a ratio holds even if
the machine's load changes during the run), and the CPU
time the server's workers spent per request; prints a table and the targets of issue 12, and
the workers' memory after each round. Results are saved in
bench/_out/results-<articles>-<comments>.json; when the other size's results are there too,
the scale comparison is printed.

Settings (environment): BENCH_ARTICLES (100000), BENCH_COMMENTS (1000000), BENCH_DURATION
(3 s per row), BENCH_WARMUP (1 s), BENCH_CONNECTIONS (16), BENCH_THREADS (2), BENCH_ROUNDS (2),
BENCH_POSTGRES (postgres://postgres@127.0.0.1:5432), BENCH_REDIS_URL
(redis://127.0.0.1:6379/14).
"""

import atexit
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness import nginx  # noqa: E402
from harness.gunicorn import start_gunicorn, wait_until_answering  # noqa: E402
from harness.processes import ServerError, free_port, stop_process_group  # noqa: E402

OUT = ROOT / "bench" / "_out"
PYTHON = sys.executable

ARTICLES = int(os.environ.get("BENCH_ARTICLES") or 100_000)
COMMENTS = int(os.environ.get("BENCH_COMMENTS") or 1_000_000)
DURATION = int(os.environ.get("BENCH_DURATION") or 3)
WARMUP = int(os.environ.get("BENCH_WARMUP") or 1)
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS") or 16)
THREADS = int(os.environ.get("BENCH_THREADS") or 2)
ROUNDS = int(os.environ.get("BENCH_ROUNDS") or 2)
POSTGRES = (os.environ.get("BENCH_POSTGRES") or "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/14"
DATABASE_NAME = f"hnp_bench_{ARTICLES}_{COMMENTS}"
DATABASE_URL = f"{POSTGRES}/{DATABASE_NAME}"
CACHE_PREFIX = f"hnp-bench-{os.getpid()}"
HTTPS = {"X-Forwarded-Proto": "https"}  # as nginx tells Django behind TLS

_processes: list[tuple[str, subprocess.Popen]] = []


# --- Processes ------------------------------------------------------------------------------


def _stop_everything() -> None:
    for _name, process in reversed(_processes):
        stop_process_group(process, timeout=20)
    _processes.clear()


def _on_signal(signum, frame):
    sys.exit(128 + signum)  # runs the atexit handler


def _drain(pipe, path: Path) -> None:
    with pipe, path.open("wb") as log:
        while chunk := pipe.read1(65536):
            log.write(chunk)


def start(name: str, command: list[str], *, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a server in a process group of its own (stopped as a whole)."""
    process = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return keep(name, process)


def keep(name: str, process: subprocess.Popen) -> subprocess.Popen:
    """Stop ``process`` on exit; its output (one access line per request) goes through a pipe,
    as to Docker's log collector in production, and from there to bench/_out/<name>.log."""
    threading.Thread(target=_drain, args=(process.stdout, OUT / f"{name}.log"), daemon=True).start()
    _processes.append((name, process))
    return process


def start_site(name: str, env: dict[str, str], port: int, application: str) -> subprocess.Popen:
    """The site (or the bare view) under the web containers' gunicorn command, 2 workers."""
    process = start_gunicorn(
        env, port=port, output=subprocess.PIPE, workers=2, application=application
    )
    return keep(name, process)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (local URLs)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def wait_until_up(name: str, process: subprocess.Popen, url: str) -> None:
    try:
        wait_until_answering(
            process, lambda: get(url, HTTPS) is not None,
            describe=lambda: f"{name}: see {OUT / (name + '.log')}",
        )  # fmt: skip
    except ServerError as error:
        sys.exit(str(error))


def run(command: list[str], *, env: dict[str, str] | None = None, quiet: bool = False) -> str:
    result = subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip())
    return result.stdout


def _workers(master: subprocess.Popen) -> list[str]:
    return Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()


def worker_cpu_seconds(master: subprocess.Popen) -> float:
    """CPU time (user and system) the server's workers (the master's children) have used."""
    ticks = 0
    for pid in _workers(master):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_rss_mb(master: subprocess.Popen) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    sizes = []
    for pid in _workers(master):
        status = Path(f"/proc/{pid}/status").read_text()
        kb = int(re.search(r"VmRSS:\s+(\d+) kB", status)[1])
        sizes.append(round(kb / 1024, 1))
    return sorted(sizes)


# --- The site, the data and the servers -----------------------------------------------------


# The site's two configurations: production's (its page cache on), and every cache inside
# Django off, what a page costs rendered from the database (the targets are for this one).
CACHED, CACHES_OFF = "site, cached", "site, caches off"
SITES = {CACHED: {"HNP_CACHE": "on"}, CACHES_OFF: {"HNP_CACHE": "off"}}
# Where ../shared/anchors/anchors.sh builds the reference pages (its own default).
ANCHORS_DIR = Path(os.environ.get("ANCHORS_DIR") or "/tmp/anchors")  # noqa: S108
# name → (project folder, settings module, page address), as anchors.sh builds them.
ANCHORS = {
    "plain template page (anchors)": ("site", "anchorsite.settings", "/news/anchor-article/"),
    "Wagtail page (anchors)": ("wsite", "wsite.settings.production", "/anchor-article/"),
}


def site_env(**switches: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BENCH_")}
    env.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=CACHE_PREFIX,
        HNP_CACHE="on",
        STATIC_ROOT=str(OUT / "static"),
        MEDIA_ROOT=str(OUT / "media"),
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        # No recycling during the benchmark, so that the memory measured after it is the
        # memory of workers that served every request (a leak would show).
        GUNICORN_MAX_REQUESTS="0",
        CAPTCHA_TEST_MODE="False",
        # wrk sends every request from one address: the per-address search limit would answer
        # nearly all of them with 429.
        SEARCH_RATE_LIMIT="0",
    )
    env.update(switches)
    return env


def ensure_data() -> None:
    admin = f"{POSTGRES}/postgres"
    query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'"  # noqa: S608 (numbers)
    exists = run(["psql", admin, "-tAc", query], quiet=True).strip()
    if not exists:
        run(["psql", admin, "-qc", f"CREATE DATABASE {DATABASE_NAME}"])
    env = {**os.environ, "DATABASE_URL": DATABASE_URL}
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env)
    # A migration that rewrote rows (articles.0014) leaves the visibility map empty, and
    # index-only scans then read the table: vacuum as autovacuum soon would (seconds when clean).
    run(["psql", DATABASE_URL, "-qc", "VACUUM ANALYZE"])
    counts = run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from articles.models import Article; from comments.models import Comment; "
            "from articles.models import ArticleDailyViews, Tag; "
            "print(Article.objects.count(), Comment.objects.count(), "
            "ArticleDailyViews.objects.exists(), Tag.objects.exists())",
        ],
        env=env,
        quiet=True,
    )
    # The last line: `shell` first says what it imported.
    articles, comments, read, tagged = counts.strip().splitlines()[-1].split()
    if [articles, comments] == [str(ARTICLES), str(COMMENTS)]:
        # A data set built by an earlier version of build_data.py: add what it lacks.
        if read == "False":
            print("Adding a month of reading to the data set (the most-read ranking)…")
            run([PYTHON, "bench/build_data.py", "--reading-only"], env=env)
        if tagged == "False":
            print("Adding tags to the data set…")
            run([PYTHON, "bench/build_data.py", "--tags-only"], env=env)
    else:
        print(f"Building the data set in {DATABASE_NAME} (at 100,000 articles: several minutes)…")
        run(
            [
                PYTHON,
                "bench/build_data.py",
                f"--articles={ARTICLES}",
                f"--comments={COMMENTS}",
                "--replace",
            ],
            env=env,
        )


def static_nginx(port: int, page: Path) -> Path:
    return nginx.main_conf(
        OUT / "nginx-static",
        f"  server {{\n    listen 127.0.0.1:{port};\n    root {page.parent};\n"
        f"    location = / {{ default_type text/html; try_files /{page.name} =404; }}\n  }}",
        access_log=False,
    )


def front_nginx(port: int, upstream_port: int) -> Path:
    """deploy/nginx.conf as it is, with the local addresses and folders put in."""
    folder = OUT / "nginx-front"
    shutil.rmtree(folder / "cache", ignore_errors=True)
    site = nginx.site_conf(
        folder, [upstream_port], port=port, static=OUT / "static", media=OUT / "media"
    )
    return nginx.main_conf(folder, site, access_log=False)


def start_nginx(name: str, conf: Path, port: int) -> subprocess.Popen:
    process = start(name, nginx.command(conf))
    wait_until_up(name, process, f"http://127.0.0.1:{port}/")
    return process


# --- Measuring ------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    server: str
    url: str | None
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    errors: int | None = None
    requests: int | None = None
    cpu_us: float | None = None  # the server's worker CPU time per request
    bare_rps: float | None = None  # the bare view, measured just before and after this row
    bare_cpu_us: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.rps is None or not self.bare_rps else self.rps / self.bare_rps


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, seconds: int, headers: dict[str, str]) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = run([*command, url], quiet=True)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50_ms": _ms(re.search(r"\s50%\s+([\d.]+\w+)", output)[1]),
        "p99_ms": _ms(re.search(r"\s99%\s+([\d.]+\w+)", output)[1]),
        "errors": (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0)
        + (int(non_2xx[1]) if non_2xx else 0),
    }


def measure(row: Row, base: str, headers: dict[str, str], server: subprocess.Popen) -> None:
    if row.url is None:
        row.note = "not available"
        return
    url = base + row.url
    status, _body, response_headers = get(url, headers)
    if status != 200:
        row.note = f"HTTP {status}"
        return
    wrk(url, WARMUP, headers)
    cpu_before = worker_cpu_seconds(server)
    row.__dict__.update(wrk(url, DURATION, headers))
    if row.requests:
        row.cpu_us = (worker_cpu_seconds(server) - cpu_before) / row.requests * 1e6
    cache_state = response_headers.get("X-Page-Cache") or response_headers.get("X-Micro-Cache")
    if cache_state and not row.note:
        row.note = f"first request: {cache_state.lower()}"


def bare_measurement(base: str, server: subprocess.Popen) -> Row:
    row = Row("constant page (article HTML)", "bare Django", "/")
    measure(row, base, HTTPS, server)
    return row


def _mean(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else (a + b) / 2


# --- Report ---------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    return (
        f"{os.cpu_count()} × {cpu}, {memory_kb // 1024 // 1024} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def fmt(value, pattern: str = "{:,.0f}") -> str:
    return "—" if value is None else pattern.format(value)


def table(rows: list[Row]) -> str:
    lines = [
        "| page | server | requests/s | p50 ms | p99 ms | errors | × bare | worker CPU µs/request "
        "(bare) | note |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {row.server} | {fmt(row.rps)} | {fmt(row.p50_ms, '{:.1f}')} | "
            f"{fmt(row.p99_ms, '{:.1f}')} | {fmt(row.errors)} | {fmt(row.ratio, '{:.3f}')} | "
            f"{fmt(row.cpu_us)} ({fmt(row.bare_cpu_us)}) | {row.note} |"
        )
    return "\n".join(lines)


def find(rows: list[Row], name: str, server: str) -> Row | None:
    return next((r for r in rows if r.name.startswith(name) and r.server == server), None)


def targets(rows: list[Row]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for the targets of issue 12 (every cache inside Django off),
    and how each page compares with the reference pages. Ratios to the bare view use the bare
    view measured around each row."""
    checks = []

    def check(label: str, value: float | None, minimum: float, unit: str = "bare", errors=0):
        if value is None:
            checks.append((label, "not measured", False))
        elif errors:
            # A page answered with errors (a 429, say) is fast for the wrong reason.
            checks.append((label, f"not measured: {errors:,} answers were errors", False))
        else:
            checks.append((label, f"{value:.3f} × {unit}", value >= minimum))

    for name, minimum in (
        ("article", 0.08),
        ("search", 0.08),
        ("category page 1", 0.08),
        ("category page 2", 0.08),
        ("home", 0.05),
    ):
        row = find(rows, name, CACHES_OFF)
        check(
            f"{name} ≥ {minimum} × bare ({CACHES_OFF})",
            row and row.ratio,
            minimum,
            errors=row.errors if row else 0,
        )
    for anchor, goal in (("plain template page", 1.0), ("Wagtail page", 2.0)):
        reference = next((r for r in rows if r.name.startswith(anchor)), None)
        for row in rows:
            if row.server != CACHES_OFF or not (row.ratio and reference and reference.ratio):
                continue
            check(
                f"{row.name.split(',')[0]} ≥ {goal} × the {anchor} (aim)",
                row.ratio / reference.ratio,
                goal,
                anchor,
                errors=row.errors,
            )
    front = find(rows, "article", "nginx micro-cache → site")
    static = next((r for r in rows if r.server == "nginx static"), None)
    value = front.rps / static.rps if front and static and front.rps and static.rps else None
    check("article through nginx ≥ 0.3 × nginx static", value, 0.3, "nginx static")
    return checks


def _same_page(a: dict, b: dict) -> bool:
    return a["server"] == b["server"] and a["name"].split(",")[0] == b["name"].split(",")[0]


def scale_report() -> str | None:
    small = OUT / "results-1000-10000.json"
    large = OUT / f"results-{100_000}-{1_000_000}.json"
    if not (small.exists() and large.exists()):
        return None
    a, b = json.loads(small.read_text()), json.loads(large.read_text())
    lines = [
        "| page | server | × bare at 1,000/10,000 | × bare at 100,000/1,000,000 | large ÷ small "
        "| worker CPU µs/request small → large | queries small; large |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in b["rows"]:
        other = next((r for r in a["rows"] if _same_page(r, row)), None)
        if not row["server"].startswith("site") or not other:
            continue
        if not (row["rps"] and row["bare_rps"] and other["rps"] and other["bare_rps"]):
            continue
        ra, rb = other["rps"] / other["bare_rps"], row["rps"] / row["bare_rps"]
        key = row["name"].split(",")[0]
        qa = next((v for k, v in a["queries"].items() if k.split(",")[0] == key), None)
        qb = next((v for k, v in b["queries"].items() if k.split(",")[0] == key), None)
        lines.append(
            f"| {row['name']} | {row['server']} | {ra:.3f} | {rb:.3f} | {rb / ra:.2f} | "
            f"{fmt(other['cpu_us'])} → {fmt(row['cpu_us'])} | {qa}; {qb} |"
        )
    return "\n".join(lines)


def start_anchors() -> dict[str, tuple[subprocess.Popen, str, str]]:
    """The reference pages anchors.sh built, each under gunicorn with the flags anchors.sh uses
    (2 sync workers, no access log): name → (server, its base URL, its page's path)."""
    gunicorn = ANCHORS_DIR / "venv" / "bin" / "gunicorn"
    started = {}
    for name, (folder, settings_module, path) in ANCHORS.items():
        if not (gunicorn.exists() and (ANCHORS_DIR / folder).is_dir()):
            continue
        port = free_port()
        process = start(
            name.split(" (")[0].replace(" ", "-"),
            [
                str(gunicorn),
                "--workers=2",
                "--worker-class=sync",
                "--log-level=warning",
                "--no-control-socket",
                f"--chdir={ANCHORS_DIR / folder}",
                f"--bind=127.0.0.1:{port}",
                f"{settings_module.split('.')[0]}.wsgi:application",
            ],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": settings_module},
        )
        base = f"http://127.0.0.1:{port}"
        wait_until_up(name, process, base + path)
        started[name] = (process, base, path)
    return started


# --- Main -----------------------------------------------------------------------------------


def main() -> None:
    for tool in ("wrk", "nginx", "psql"):
        if shutil.which(tool) is None:
            sys.exit(f"make bench needs {tool} (Debian: apt-get install {tool})")
    OUT.mkdir(parents=True, exist_ok=True)
    atexit.register(_stop_everything)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)

    print(f"Data: {ARTICLES:,} articles, {COMMENTS:,} comments ({DATABASE_NAME})")
    ensure_data()
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=site_env())
    # The last line: the request log goes to standard output too.
    output = run([PYTHON, "bench/pages.py"], env=site_env(), quiet=True)
    picked = json.loads(output.strip().splitlines()[-1])
    pages, queries = picked["pages"], picked["queries"]
    category_pages = pages.pop("_category_pages")

    ports = {name: free_port() for name in (*SITES, "bare", "static", "front")}
    sites = {}
    for name, switches in SITES.items():
        env = site_env(**switches)
        label = name.replace(", ", "-").replace(" ", "-")
        sites[name] = start_site(label, env, ports[name], "config.wsgi:application")
    bases = {name: f"http://127.0.0.1:{ports[name]}" for name in SITES}
    for name, process in sites.items():
        wait_until_up(name, process, bases[name] + "/healthz")
    cached_base = bases[CACHED]

    article_url = next(url for name, url in pages.items() if name.startswith("article"))
    status, page, _headers = get(cached_base + article_url, HTTPS)
    if status != 200:
        sys.exit(f"the article page answered {status}")
    static_page = OUT / "page" / "page.html"
    static_page.parent.mkdir(exist_ok=True)
    static_page.write_bytes(page)
    bare_env = {**site_env(), "BENCH_PAGE": str(static_page)}
    bare = start_site("bare", bare_env, ports["bare"], "bench.bare_wsgi:application")
    wait_until_up("bare", bare, f"http://127.0.0.1:{ports['bare']}/")
    static_server = start_nginx(
        "nginx-static", static_nginx(ports["static"], static_page), ports["static"]
    )
    front_server = start_nginx(
        "nginx-front", front_nginx(ports["front"], ports[CACHED]), ports["front"]
    )
    anchors = start_anchors()
    bases.update({name: base for name, (_process, base, _path) in anchors.items()})
    if not anchors:
        print(
            f"(No reference pages: {ANCHORS_DIR} has none. Build them with "
            "../shared/anchors/anchors.sh to add them to the table.)"
        )
    bases.update(
        {
            "nginx static": f"http://127.0.0.1:{ports['static']}",
            "bare Django": f"http://127.0.0.1:{ports['bare']}",
            "nginx micro-cache → site": f"http://127.0.0.1:{ports['front']}",
        }
    )

    print(f"Machine: {machine()}")
    print(
        f"wrk: {THREADS} threads, {CONNECTIONS} connections, {WARMUP} s warm-up + {DURATION} s "
        f"per row; gunicorn: 2 sync workers; article page {len(page):,} bytes; category has "
        f"{category_pages} pages"
    )
    servers = {
        **sites,
        "bare Django": bare,
        "nginx static": static_server,
        "nginx micro-cache → site": front_server,
        **{name: process for name, (process, _base, _path) in anchors.items()},
    }
    results_rounds = []
    memory = []
    for round_number in range(1, ROUNDS + 1):
        rows = [Row("static page (article HTML)", "nginx static", "/")]
        for server in SITES:
            rows += [Row(name, server, url) for name, url in pages.items()]
        article_name = next(n for n in pages if n.startswith("article"))
        rows.append(Row(article_name, "nginx micro-cache → site", article_url))
        rows += [Row(name, name, path) for name, (_process, _base, path) in anchors.items()]
        print(f"\nRound {round_number} of {ROUNDS}…", flush=True)
        before = bare_measurement(bases["bare Django"], bare)
        for row in rows:
            # The bare view just before and just after each row, averaged: the ratio holds
            # even if the machine's load changes during the run.
            measure(row, bases[row.server], HTTPS, servers[row.server])
            after = bare_measurement(bases["bare Django"], bare)
            row.bare_rps = _mean(before.rps, after.rps)
            row.bare_cpu_us = _mean(before.cpu_us, after.cpu_us)
            before = after
            print(
                f"  {row.server:26} {row.name:30} {fmt(row.rps):>8} req/s "
                f"(bare {fmt(row.bare_rps)}) {fmt(row.cpu_us):>6} µs CPU {row.note}",
                flush=True,
            )
        memory.append(
            {
                **{name: worker_rss_mb(process) for name, process in sites.items()},
                "bare Django": worker_rss_mb(bare),
            }
        )
        results_rounds.append(rows)

    rows = results_rounds[0]
    print(f"\n## {ARTICLES:,} articles, {COMMENTS:,} comments — round 1\n")
    print(table(rows))
    for number, later in enumerate(results_rounds[1:], start=2):
        print(f"\n## Round {number}\n")
        print(table(later))
    print("\n## Worker memory (RSS, MB per worker) after each round\n")
    for number, sizes in enumerate(memory, start=1):
        print(f"- after round {number}: " + "; ".join(f"{k}: {v}" for k, v in sizes.items()))
    print("\n## SQL queries per page, rendered from scratch\n")
    for name, count in queries.items():
        print(f"- {name}: {count if count is not None else '—'}")
    print("\n## Targets (round 1)\n")
    for label, measured, met in targets(rows):
        print(f"- {'met    ' if met else 'NOT met'}  {label}: {measured}")

    results = {
        "articles": ARTICLES,
        "comments": COMMENTS,
        "machine": machine(),
        "rows": [asdict(row) for row in rows],
        "rounds": [[asdict(row) for row in later] for later in results_rounds],
        "memory_mb": memory,
        "queries": queries,
        "category_pages": category_pages,
    }
    (OUT / f"results-{ARTICLES}-{COMMENTS}.json").write_text(json.dumps(results, indent=2))
    scale = scale_report()
    if scale:
        print("\n## Scale: 100,000/1,000,000 against 1,000/10,000 (needs ≥ 0.9)\n")
        print(scale)
    _stop_everything()
    _clear_cache_keys()


def _clear_cache_keys() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{CACHE_PREFIX}:*"))
    if keys:
        client.delete(*keys)


if __name__ == "__main__":
    main()
