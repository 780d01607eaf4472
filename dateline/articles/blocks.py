"""The blocks an article body is made of."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=300)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "articles/blocks/pull_quote.html"


class BlockquoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    source = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "articles/blocks/blockquote.html"


class ArticleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=400, help_text="Empty means the image's own caption.")
    credit = blocks.CharBlock(required=False, max_length=200, help_text="Empty means the image's own credit.")
    alt = blocks.CharBlock(required=False, max_length=300, help_text="Empty means the image's description.")

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, template="articles/blocks/paragraph.html")
    subheading = blocks.CharBlock(max_length=120, icon="title", template="articles/blocks/subheading.html")
    pull_quote = PullQuoteBlock()
    image = ArticleImageBlock()
    embed = EmbedBlock(icon="media", template="articles/blocks/embed.html")
    blockquote = BlockquoteBlock()
