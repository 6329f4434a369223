/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-background.c: starting with the session to keep fetching plays. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rsb-background.h"

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
on_portal_reply (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL)
    g_message ("The Background portal refused the request: %s", error->message);
}

/* The portal answers through a Request object we need not follow: the
 * person sees its dialog, and the autostart entry it writes is theirs. */
static void
request_from_portal (gboolean enable)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  const char *commandline[] = { "run-sous-bpm", "--background", NULL };
  GVariantBuilder options;

  if (bus == NULL)
    return;
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Fetch recently played songs before Spotify forgets them")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enable));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_portal_reply, NULL);
}

static char *
autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

static void
write_autostart_entry (gboolean enable)
{
  g_autofree char *path = autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  /* The comment in the language of whoever turned it on: session
   * settings list the entry with it. */
  g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\n"
                                            "Type=Application\n"
                                            "Name=" APP_NAME "\n"
                                            "Comment=%s\n"
                                            "Exec=run-sous-bpm --background\n"
                                            "Icon=" APP_ID "\n"
                                            "NoDisplay=true\n"
                                            "X-GNOME-Autostart-enabled=true\n",
                                            _("Fetches recently played songs in the background"));

  if (!enable)
    {
      g_unlink (path);
      return;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, entry, -1, &error))
    g_message ("The autostart entry %s could not be written: %s", path,
               error ? error->message : g_strerror (errno));
}

void
rsb_background_set_autostart (gboolean enable)
{
  if (in_flatpak ())
    request_from_portal (enable);
  else
    write_autostart_entry (enable);
}
