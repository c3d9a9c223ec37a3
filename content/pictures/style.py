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
MARK_TEXT = "#FFFFFF"  # numbers inside filled markers

OUTLINE_WIDTH = 3.0
LANDMARK_WIDTH = 2.2
MOTION_WIDTH = 5.0
