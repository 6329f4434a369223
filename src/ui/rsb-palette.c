#include "rsb-palette.h"

/* Paul Tol's "muted" scheme: distinguishable with the common colour
 * vision deficiencies, and dark enough to read on light map tiles. */
static const char *song_colours[] = {
  "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE",
  "#882255", "#44AA99", "#999933", "#AA4499",
};

void
rsb_palette_no_music (GdkRGBA *colour)
{
  gdk_rgba_parse (colour, "#8a8a8a");
}

GArray *
rsb_palette_for_activity (const RsbActivity *activity)
{
  guint n = rsb_activity_n_segments (activity);
  GArray *colours = g_array_sized_new (FALSE, TRUE, sizeof (GdkRGBA), n);
  guint next_song = 0;

  g_array_set_size (colours, n);
  for (guint i = 0; i < n; i++)
    {
      GdkRGBA *colour = &g_array_index (colours, GdkRGBA, i);

      if (rsb_segment_has_music (rsb_activity_segment (activity, i)))
        gdk_rgba_parse (colour, song_colours[next_song++ % G_N_ELEMENTS (song_colours)]);
      else
        rsb_palette_no_music (colour);
    }
  return colours;
}

char *
rsb_palette_to_css (const GdkRGBA *colour)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (int) (colour->red * 255 + 0.5),
                          (int) (colour->green * 255 + 0.5),
                          (int) (colour->blue * 255 + 0.5));
}
