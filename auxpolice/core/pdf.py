"""PDFs the application writes (admission tickets, payslips): the one font they use."""

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

FONT = "STSong-Light"  # Adobe's CID font: Chinese text without shipping a font file
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
