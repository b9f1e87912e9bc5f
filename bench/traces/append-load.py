"""Appends events to traces from many threads at once and reports throughput and latency.
usage: python3 bench/traces/append-load.py THREADS APPENDS_EACH
Expects the service on localhost:7171 with NEXUS_ADMIN_TOKEN=bench-admin and project "bench" (see BENCHMARKS.md)."""
import http.client, json, sys, threading, time

THREADS, EACH = int(sys.argv[1]), int(sys.argv[2])
HEADERS = {"Authorization": "Bearer bench-admin", "Content-Type": "application/json"}
latencies, lock = [], threading.Lock()

def call(conn, method, path, body):
    conn.request(method, path, json.dumps(body), HEADERS)
    response = conn.getresponse()
    response.read()
    return response.status

def agent(n):
    conn = http.client.HTTPConnection("localhost", 7171)
    trace = f"load-{int(time.time())}-{n}"
    call(conn, "POST", "/api/v1/projects/bench/traces", {"id": trace, "sessionId": f"load-{n}"})
    mine = []
    for i in range(EACH):
        start = time.perf_counter()
        status = call(conn, "POST", f"/api/v1/traces/{trace}/events",
                      {"type": "tool_call", "data": {"i": i, "tool": "search", "args": {"q": "x" * 100}}})
        mine.append(time.perf_counter() - start)
        assert status == 200, status
    with lock:
        latencies.extend(mine)

threads = [threading.Thread(target=agent, args=(n,)) for n in range(THREADS)]
began = time.perf_counter()
[t.start() for t in threads]
[t.join() for t in threads]
elapsed = time.perf_counter() - began
latencies.sort()
print(f"{THREADS} threads x {EACH} appends: {len(latencies) / elapsed:.0f} appends/s, "
      f"median {latencies[len(latencies) // 2] * 1000:.1f} ms, p95 {latencies[int(len(latencies) * .95)] * 1000:.1f} ms")
