/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-cli-share.c: --export-image, a workout as a picture to share. */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-cli-private.h"
#include "rsb-activity.h"
#include "rsb-share-picture.h"

int
rsb_cli_export_image (gint64      activity_id,
                      const char *output,
                      const char *size)
{
  g_autoptr(RsbSharePictureOptions) options = NULL;
  g_autoptr(RsbStore) store = NULL;
  g_autoptr(RsbActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  int width = RSB_SHARE_PICTURE_WIDTH, height = RSB_SHARE_PICTURE_HEIGHT;
  gboolean saved;

  if (output == NULL)
    {
      g_printerr (_("--export-image needs -o FILE.png\n"));
      return EXIT_USAGE;
    }
  if (size != NULL && !rsb_share_picture_parse_size (size, &width, &height))
    {
      g_printerr (_("Unknown size “%s”: use WIDTHxHEIGHT, each side from %d to %d pixels, "
                    "for example 1080x1350 or 1080x1920\n"),
                  size, RSB_SHARE_PICTURE_MIN_SIDE, RSB_SHARE_PICTURE_MAX_SIDE);
      return EXIT_USAGE;
    }
  if ((store = rsb_cli_open_library ()) == NULL)
    return EXIT_FAILURE;
  if ((activity = rsb_activity_load (store, activity_id, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  options = rsb_share_picture_options_new_default ();
  options->width = width;
  options->height = height;
  surface = rsb_share_picture_render (activity, options);
  saved = rsb_share_picture_save (surface, output, &error);
  cairo_surface_destroy (surface);
  if (!saved)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
