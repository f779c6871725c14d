"""Posts tracker hits for today to a running server: realistic User-Agents, pages, referrers and UTM
tags from 250 client addresses (sent as X-Forwarded-For; the server must trust 127.0.0.1), over
four keep-alive connections. Loopback only.
    python3 scripts/bench/today-hits.py http://127.0.0.1:PORT SITE COUNT
"""
import http.client
import json
import sys
import threading
import urllib.parse

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:{v}.0) Gecko/20100101 Firefox/{v}.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36",
]
PAGES = ["/", "/pricing", "/signup", "/checkout", "/about"] + ["/blog/post-%d" % i for i in range(40)]
REFERRERS = ["https://www.google.com/", "https://news.ycombinator.com/", "", "", ""]


def post(base, site, numbers, failures):
    target = urllib.parse.urlsplit(base)
    if target.hostname not in ("127.0.0.1", "::1", "localhost"):
        raise SystemExit("loopback only")
    connection = http.client.HTTPConnection(target.hostname, target.port)
    for n in numbers:
        body = json.dumps({"d": site, "n": "pageview", "u": "https://%s%s" % (site, PAGES[n * 7 % len(PAGES)]),
                           "r": REFERRERS[n % len(REFERRERS)], "w": 360 + n % 6 * 300})
        headers = {"Content-Type": "text/plain", "User-Agent": BROWSERS[n % len(BROWSERS)].format(v=120 + n % 10),
                   "X-Forwarded-For": "198.51.%d.%d" % (n % 250, n // 250 % 250 + 1)}
        connection.request("POST", "/api/event", body, headers)
        response = connection.getresponse()
        response.read()
        if response.status != 202:
            failures.append(response.status)


def main():
    base, site, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    failures = []
    threads = [threading.Thread(target=post, args=(base, site, range(i, count, 4), failures)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit("%d of %d hits were refused (first status %d)" % (len(failures), count, failures[0]))
    print("posted %d hits for today" % count)


if __name__ == "__main__":
    main()
