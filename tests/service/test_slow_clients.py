"""Slow and partial requests against a real server (``gazetteer serve``): cut off in time, not held forever.

Also the default Host check on loopback, which only a real connection shows.
"""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import free_port, running

HEADER_TIMEOUT_S = 1.0
BODY_TIMEOUT_S = 1.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, index_path: Path) -> Iterator[tuple[str, int]]:
    """``gazetteer serve`` on a free loopback port with short header and body timeouts; (host, port)."""
    port = free_port()
    env = {
        "GAZETTEER_INDEX": str(index_path),
        "GAZETTEER_STORE": str(tmp_path_factory.mktemp("slow") / "store.sqlite"),
        "GAZETTEER_HEADER_TIMEOUT": str(HEADER_TIMEOUT_S),
        "GAZETTEER_BODY_TIMEOUT": str(BODY_TIMEOUT_S),
    }
    command = [sys.executable, "-c", "from gazetteer.cli import main; main()", "serve", "--port", str(port)]
    with running([*command, "--log-level", "warning"], env, f"http://127.0.0.1:{port}/openapi.json"):
        yield "127.0.0.1", port


def closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    """Whether the server closed the connection within ``seconds``, and what it sent before."""
    sock.settimeout(seconds)
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except TimeoutError:
        return False, received
    return True, received


def test_a_connection_that_sends_nothing_is_closed(server: tuple[str, int]) -> None:
    with socket.create_connection(server) as sock:
        started = time.monotonic()
        closed, received = closed_within(sock, HEADER_TIMEOUT_S + 4)
    assert closed and received == b"" and time.monotonic() - started >= HEADER_TIMEOUT_S * 0.9


def test_headers_sent_a_byte_at_a_time_are_cut_off(server: tuple[str, int]) -> None:
    with socket.create_connection(server) as sock:
        sock.sendall(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        with pytest.raises(OSError):  # the server closes while the client still trickles
            for _ in range(40):
                sock.sendall(b"X")
                time.sleep(0.1)
        assert time.monotonic() - started < HEADER_TIMEOUT_S + 2


def test_a_body_that_stalls_gets_408_and_the_connection_closed(server: tuple[str, int]) -> None:
    head = b"POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    with socket.create_connection(server) as sock:
        sock.sendall(head + b'{"title": ')
        closed, received = closed_within(sock, BODY_TIMEOUT_S + 4)
    assert closed and received.startswith(b"HTTP/1.1 408 ")
    assert b"application/problem+json" in received and b"paused" in received


def test_a_prompt_client_keeps_its_connection(server: tuple[str, int]) -> None:
    request = b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with socket.create_connection(server) as sock:
        for _ in range(2):
            sock.sendall(request)
            sock.settimeout(5)
            received = sock.recv(65536)
            while b'"events":' not in received and (more := sock.recv(65536)):  # head and body may come apart
                received += more
            assert received.startswith(b"HTTP/1.1 200 ")
            time.sleep(HEADER_TIMEOUT_S / 2)


def test_on_loopback_another_sites_host_name_is_refused(server: tuple[str, int]) -> None:
    for host, status in ((b"rebound.example:8000", b"400"), (b"localhost", b"200"), (b"[::1]:80", b"200")):
        with socket.create_connection(server) as sock:
            sock.sendall(b"GET /events HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
            _, received = closed_within(sock, 10)
        assert received.startswith(b"HTTP/1.1 " + status), (host, received[:200])
