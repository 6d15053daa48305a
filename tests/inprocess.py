"""The API's endpoint called in the test's own process, as the server calls it: the fast suite's view of the API."""

import asyncio
import threading

from starlette.requests import Request

from chuangcheng.app import api


def in_a_loop_of_its_own(awaitable_factory):
    """Run a coroutine to its end on a fresh event loop in a thread of its own: pytest-playwright leaves a
    loop running in the main thread once a browser test has run, and asyncio.run() refuses to start there."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", asyncio.run(awaitable_factory())))
    thread.start()
    thread.join()
    return result["value"]


def respond(question: str, fmt: str, query: str):
    scope = {
        "type": "http",
        "method": "GET",
        "path": f"/api/{question}.{fmt}",
        "query_string": query.encode(),
        "headers": [],
        "path_params": {"question": question, "format": fmt},
    }
    return in_a_loop_of_its_own(lambda: api.endpoint(Request(scope)))


def ask(question: str, fmt: str, query: str) -> tuple[int, dict, bytes]:
    response = respond(question, fmt, query)
    return response.status_code, dict(response.headers), response.body


def streamed(response) -> bytes:
    async def gather():
        return b"".join([chunk async for chunk in response.body_iterator])

    return in_a_loop_of_its_own(gather)
