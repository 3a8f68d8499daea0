"""A saved news page for the web page tests, written here (no corpus text): an article among boilerplate.

The page has what a news site wraps an article in: a navigation menu, a
"Subscribe" box and a footer, and the metadata trafilatura reads
(``og:title``, ``article:published_time``, ``author``, ``rel=canonical``).
Test modules import it from here, as they import ``storebackends``.
"""

from __future__ import annotations

from html import escape

TITLE = "Bridge over the Hakari reopens to traffic"
DATE = "2024-03-14"
AUTHOR = "Lena Aramyan"
URL = "https://courier.example/news/bridge-reopens"
PARAGRAPHS = (
    "Engineers finished repairs on the old bridge south of Lachin on Thursday, and the first lorries crossed "
    "it before noon.",
    "Drivers from Goris said the road had been closed for eleven weeks while crews replaced the deck.",
    "Officials in Baku promised a second crossing upstream next year, once the spring floods have passed.",
)
BOILERPLATE = ("Home", "Sport", "Weather", "Subscribe", "newsletter", "All rights reserved")
"""Words of the menu, the subscription box and the footer, which the extracted text must not hold."""


def news_page(
    *,
    title: str = TITLE,
    date: str = DATE,
    author: str = AUTHOR,
    url: str = URL,
    charset: str = "utf-8",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
) -> str:
    """The page, with each piece of metadata left out when it is ``""``."""
    head = [f'<meta charset="{charset}">' if charset else "", "<title>Bridge reopens | The Valley Courier</title>"]
    if title:
        head.append(f'<meta property="og:title" content="{escape(title)}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{date}T08:30:00+04:00">')
    if author:
        head.append(f'<meta name="author" content="{escape(author)}">')
    if url:
        head.append(f'<link rel="canonical" href="{escape(url)}">')
    article = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{chr(10).join(head)}
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>{escape(title or TITLE)}</h1>
{article}
</article></main>
<aside><h3>Subscribe</h3><p>Subscribe to our newsletter for the headlines every morning.</p></aside>
<footer><p>Subscribe</p><p>© 2024 The Valley Courier. All rights reserved.</p></footer>
</body>
</html>
"""


NAVIGATION_ONLY = """<!DOCTYPE html>
<html><head><title>Menu</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav></body></html>
"""
"""A page with a menu and no article: no main text."""
