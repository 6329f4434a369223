/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-palette.c: the colours that tie each song to its stretch of road.
 *
 * Both palettes are Paul Tol's, chosen to stay distinct with the common
 * colour vision deficiencies. On light backgrounds, his "muted" scheme:
 * dark enough to read on pale map tiles. On dark backgrounds, his "light"
 * scheme (without its pale grey, which "no music" would be mistaken
 * for): the muted indigo and wine nearly vanish on Adwaita's dark grey,
 * where these all keep a contrast above 6:1. Its order is changed so
 * that the three yellows and the two blues are never neighbours.
 */
#include "config.h"

#include <adwaita.h>

#include "rsb-palette.h"

static const char *light_colours[] = {
  "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE",
  "#882255", "#44AA99", "#999933", "#AA4499",
};

static const char *dark_colours[] = {
  "#77AADD", "#EEDD88", "#FFAABB", "#BBCC33",
  "#99DDFF", "#EE8866", "#AAAA00", "#44BB99",
};

/* Unsaturated, so it never passes for a song; mid-grey, so it reads on
 * both backgrounds (the map also dashes it). */
void
rsb_palette_no_music (GdkRGBA *colour)
{
  gdk_rgba_parse (colour, "#8a8a8a");
}

RsbPaletteStyle
rsb_palette_current_style (void)
{
  /* Without a display (benchmarks, command line) there is no style. */
  if (!adw_is_initialized () || gdk_display_get_default () == NULL)
    return RSB_PALETTE_LIGHT;
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? RSB_PALETTE_DARK : RSB_PALETTE_LIGHT;
}

guint
rsb_palette_n_song_colours (RsbPaletteStyle style)
{
  return style == RSB_PALETTE_DARK ? G_N_ELEMENTS (dark_colours) : G_N_ELEMENTS (light_colours);
}

/* The index-th song's colour; the palette starts over past its end. */
void
rsb_palette_song_colour (RsbPaletteStyle  style,
                         guint            index,
                         GdkRGBA         *colour)
{
  const char **colours = style == RSB_PALETTE_DARK ? dark_colours : light_colours;

  gdk_rgba_parse (colour, colours[index % rsb_palette_n_song_colours (style)]);
}

/* White under the muted colours; near-black under the light ones, which
 * a white edge would wash out on pale tiles. */
void
rsb_palette_casing (RsbPaletteStyle  style,
                    GdkRGBA         *colour)
{
  if (style == RSB_PALETTE_DARK)
    *colour = (GdkRGBA) { 0.12, 0.12, 0.12, 0.9 };
  else
    *colour = (GdkRGBA) { 1, 1, 1, 0.9 };
}

GArray *
rsb_palette_for_activity_in_style (const RsbActivity *activity,
                                   RsbPaletteStyle    style)
{
  guint n = rsb_activity_n_segments (activity);
  GArray *colours = g_array_sized_new (FALSE, TRUE, sizeof (GdkRGBA), n);
  guint next_song = 0;

  g_array_set_size (colours, n);
  for (guint i = 0; i < n; i++)
    {
      GdkRGBA *colour = &g_array_index (colours, GdkRGBA, i);

      if (rsb_segment_has_music (rsb_activity_segment (activity, i)))
        rsb_palette_song_colour (style, next_song++, colour);
      else
        rsb_palette_no_music (colour);
    }
  return colours;
}

GArray *
rsb_palette_for_activity (const RsbActivity *activity)
{
  return rsb_palette_for_activity_in_style (activity, rsb_palette_current_style ());
}

char *
rsb_palette_to_css (const GdkRGBA *colour)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (int) (colour->red * 255 + 0.5),
                          (int) (colour->green * 255 + 0.5),
                          (int) (colour->blue * 255 + 0.5));
}
