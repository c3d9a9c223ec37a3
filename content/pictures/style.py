"""The one look of every picture: canvas, palette and line weights.

The palette is Okabe and Ito's colour-blind-safe set, so a tool, a partner's hands, a
stroke and a no-go zone stay distinct for people with any common colour-vision deficiency,
and each also differs in lightness so the pictures read in greyscale.
"""

# Canvas: 1024 px on the long side (Telegram shows photos up to 1280 px; 1024 stays sharp
# on a phone and small to send).
WIDTH_PX = 1024
HEIGHT_PX = 1024
DPI = 128

BACKGROUND = "#FFFFFF"
OUTLINE = "#2B2B2B"  # body outline, numbers
BODY = "#EBD9C9"  # skin: light and warm, behind every mark
BODY_SHADE = "#D9C2AE"  # far limbs, folds
BONE = "#8C7B6E"  # spine, shoulder blades, ribs, pelvis: landmarks drawn as lines
TOOL = "#0072B2"  # ball, roller, hook, massager (blue)
HANDS = "#E69F00"  # a partner's or the user's own hands (orange)
MOTION = "#009E73"  # arrows and circles for strokes (bluish green)
NO_GO = "#D55E00"  # zones to keep off (vermillion, always hatched as well)
NO_GO_HATCH = "///"
FLOOR = "#BFBFBF"  # floor, wall, chair
MAT = "#E6E6E6"  # a mat or the floor seen from above, behind a lying body
MARK_TEXT = "#FFFFFF"  # numbers inside filled markers

OUTLINE_WIDTH = 3.0
LANDMARK_WIDTH = 2.2
MOTION_WIDTH = 5.0

# Added for the drawings themselves (same palette family).
HAIR = "#5A4A40"  # the back of the head: tells "seen from behind" at a glance
TOOL_DARK = "#004C77"  # a tool's handle and rim, a darker shade of TOOL
HANDS_DARK = "#A86F00"  # finger lines on a hand, a darker shade of HANDS
NO_GO_FILL_ALPHA = 0.22  # the vermillion wash under the hatch, so landmarks show through
NO_GO_HATCH_WIDTH = 2.0
MARKER = OUTLINE  # numbered markers: dark disc, white number
MARKER_FONT_SIZE = 20  # points, at DPI: large enough to read on a phone

# The body map's zones: light, distinct fills (Okabe-Ito hues, lightened) so the big
# numbers stay readable on top; neighbouring zones never share a hue.
ZONE_FILLS = (
    "#A6D8F5",  # 1 sky blue
    "#E6BCD6",  # 2 reddish purple
    "#A8E0CB",  # 3 bluish green
    "#F7E9A0",  # 4 yellow
    "#8EC1E3",  # 5 blue
    "#F6CF8F",  # 6 orange (never vermillion: that colour means "keep off")
    "#A8E0CB",  # 7 bluish green (like 3, which it never touches)
    "#CFCFCF",  # 8 grey
)
ZONE_ALPHA = 0.85
ZONE_NUMBER_SIZE = 30  # points
