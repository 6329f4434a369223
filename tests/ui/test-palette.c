/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Song colours a runner can tell apart: neighbours never alike, "no
 * music" never mistaken for a song, and every colour readable on the
 * background of the style the app is in. */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "rsb-palette.h"
#include "rsb-sample.h"

/* Adwaita 1.2's window and view backgrounds. */
static const char *dark_backgrounds[] = { "#242424", "#1e1e1e" };
static const char *light_backgrounds[] = { "#fafafa", "#ffffff" };

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * linear (c->red) + 0.7152 * linear (c->green) + 0.0722 * linear (c->blue);
}

/* WCAG contrast ratio. */
static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
to_lab (const GdkRGBA *c,
        double         lab[3])
{
  double r = linear (c->red), g = linear (c->green), b = linear (c->blue);
  double xyz[3] = {
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  };
  double f[3];

  for (int i = 0; i < 3; i++)
    f[i] = xyz[i] > 0.008856 ? cbrt (xyz[i]) : 7.787 * xyz[i] + 16.0 / 116;
  lab[0] = 116 * f[1] - 16;
  lab[1] = 500 * (f[0] - f[1]);
  lab[2] = 200 * (f[1] - f[2]);
}

/* CIE76 colour difference: about 2.3 is just noticeable; 25 and more
 * is a different colour at a glance. */
static double
delta_e (const GdkRGBA *a,
         const GdkRGBA *b)
{
  double la[3], lb[3];

  to_lab (a, la);
  to_lab (b, lb);
  return sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
               (la[2] - lb[2]) * (la[2] - lb[2]));
}

static double
chroma (const GdkRGBA *c)
{
  double lab[3];

  to_lab (c, lab);
  return hypot (lab[1], lab[2]);
}

static gboolean
same (const GdkRGBA *a,
      const GdkRGBA *b)
{
  return gdk_rgba_equal (a, b);
}

static RsbActivity *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_sample_open_store (&error);
  g_autoptr(GPtrArray) activities = NULL;
  RsbActivity *activity;

  g_assert_no_error (error);
  activities = rsb_store_list_activities (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, >, 0);
  activity = rsb_activity_load (store, ((RsbActivityInfo *) activities->pdata[0])->id, &error);
  g_assert_no_error (error);
  return activity;
}

/* Song after song, and each song against "no music", in both styles. */
static void
test_neighbours_differ (void)
{
  GdkRGBA grey;

  rsb_palette_no_music (&grey);
  for (RsbPaletteStyle style = RSB_PALETTE_LIGHT; style <= RSB_PALETTE_DARK; style++)
    {
      guint n = rsb_palette_n_song_colours (style);

      /* Enough that a song's colour comes back only many songs later. */
      g_assert_cmpuint (n, >=, 8);
      for (guint i = 0; i < n; i++)
        {
          GdkRGBA colour, next;

          rsb_palette_song_colour (style, i, &colour);
          /* The palette starts over: the last meets the first. */
          rsb_palette_song_colour (style, i + 1, &next);
          g_assert_cmpfloat (delta_e (&colour, &next), >=, 30);
          g_assert_cmpfloat (delta_e (&colour, &grey), >=, 25);
          g_assert_cmpfloat (chroma (&colour), >=, 20);
        }
    }
  g_assert_cmpfloat (chroma (&grey), <, 2);
}

/* On the sample run, in both styles: no two segments that meet share a
 * colour, songs are never grey, and the gap without music is. */
static void
test_sample_segments (void)
{
  g_autoptr(RsbActivity) activity = load_sample ();
  GdkRGBA grey;

  rsb_palette_no_music (&grey);
  for (RsbPaletteStyle style = RSB_PALETTE_LIGHT; style <= RSB_PALETTE_DARK; style++)
    {
      g_autoptr(GArray) colours = rsb_palette_for_activity_in_style (activity, style);
      guint n_songs = 0;

      g_assert_cmpuint (colours->len, ==, rsb_activity_n_segments (activity));
      for (guint i = 0; i < colours->len; i++)
        {
          const GdkRGBA *colour = &g_array_index (colours, GdkRGBA, i);
          gboolean music = rsb_segment_has_music (rsb_activity_segment (activity, i));

          g_assert_true (music != same (colour, &grey));
          n_songs += music;
          if (i > 0)
            g_assert_false (same (colour, &g_array_index (colours, GdkRGBA, i - 1)));
        }
      g_assert_cmpuint (n_songs, >=, 11);
    }
}

/* Every dark-style colour (and the grey) reads on Adwaita's dark
 * backgrounds, and the light style's on its light ones; the muted
 * colours that would not show in the dark are not used there. */
static void
test_readable_in_each_style (void)
{
  GdkRGBA grey;
  guint n_unreadable_light = 0;

  rsb_palette_no_music (&grey);
  for (guint b = 0; b < G_N_ELEMENTS (dark_backgrounds); b++)
    {
      GdkRGBA dark, light;

      gdk_rgba_parse (&dark, dark_backgrounds[b]);
      gdk_rgba_parse (&light, light_backgrounds[b]);
      g_assert_cmpfloat (contrast (&grey, &dark), >=, 3);
      g_assert_cmpfloat (contrast (&grey, &light), >=, 3);
      for (guint i = 0; i < rsb_palette_n_song_colours (RSB_PALETTE_DARK); i++)
        {
          GdkRGBA colour;

          rsb_palette_song_colour (RSB_PALETTE_DARK, i, &colour);
          g_assert_cmpfloat (contrast (&colour, &dark), >=, 4.5);
        }
      for (guint i = 0; i < rsb_palette_n_song_colours (RSB_PALETTE_LIGHT); i++)
        {
          GdkRGBA colour;

          rsb_palette_song_colour (RSB_PALETTE_LIGHT, i, &colour);
          if (contrast (&colour, &dark) < 3)
            n_unreadable_light++;
        }
    }
  /* What the dark palette is for: the light one has colours lost there. */
  g_assert_cmpuint (n_unreadable_light, >, 0);
}

/* In the dark style the route's edge is dark: the light colours stand
 * out from it far more than from a white one, on any tile. */
static void
test_dark_casing (void)
{
  GdkRGBA casing, white = { 1, 1, 1, 1 };

  rsb_palette_casing (RSB_PALETTE_DARK, &casing);
  for (guint i = 0; i < rsb_palette_n_song_colours (RSB_PALETTE_DARK); i++)
    {
      GdkRGBA colour;

      rsb_palette_song_colour (RSB_PALETTE_DARK, i, &colour);
      g_assert_cmpfloat (contrast (&colour, &casing), >=, 4.5);
      g_assert_cmpfloat (contrast (&colour, &casing), >, 2 * contrast (&colour, &white));
    }
}

/* The colours handed out follow the app's style as it changes. */
static void
test_follows_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(RsbActivity) activity = load_sample ();
  g_autoptr(GArray) light = NULL;
  g_autoptr(GArray) dark = NULL;
  g_autoptr(GArray) expected_dark = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_DARK);
  g_autoptr(GArray) expected_light = rsb_palette_for_activity_in_style (activity, RSB_PALETTE_LIGHT);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (rsb_palette_current_style (), ==, RSB_PALETTE_LIGHT);
  light = rsb_palette_for_activity (activity);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  g_assert_cmpint (rsb_palette_current_style (), ==, RSB_PALETTE_DARK);
  dark = rsb_palette_for_activity (activity);

  g_assert_cmpmem (light->data, light->len * sizeof (GdkRGBA), expected_light->data, expected_light->len * sizeof (GdkRGBA));
  g_assert_cmpmem (dark->data, dark->len * sizeof (GdkRGBA), expected_dark->data, expected_dark->len * sizeof (GdkRGBA));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/palette/neighbours-differ", test_neighbours_differ);
  g_test_add_func ("/palette/sample-segments", test_sample_segments);
  g_test_add_func ("/palette/readable-in-each-style", test_readable_in_each_style);
  g_test_add_func ("/palette/dark-casing", test_dark_casing);
  g_test_add_func ("/palette/follows-style", test_follows_style);
  return g_test_run ();
}
