"""Text from the data or a link, escaped for the medium that would run it as markup (render/safe.py)."""

from chuangcheng.render import safe


def test_markdown_escapes_links_images_directives_and_bare_addresses():
    shown = safe.markdown("[click](https://evil.example) ![i](x) :red[loud] $x$ www.evil.example a@b.co\nnext")
    assert "](" not in shown.replace("\\]\\(", "") and "![" not in shown and ":red[" not in shown
    assert "://" not in shown and "www." not in shown and "@b" not in shown and "\n" not in shown


def test_plotly_turns_its_html_and_template_fields_into_entities():
    assert safe.plotly("<a href='x'>n</a> %{x} & co") == "&lt;a href='x'&gt;n&lt;/a&gt; &#37;{x} &amp; co"
