/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-fake-mpris.c: a scripted MPRIS player, answering in a connection
 * filter (GDBus's worker thread) so its stamps are taken as calls
 * arrive, whatever the test's own thread is doing. */
#include "rsb-fake-mpris.h"

#define MPRIS_PATH         "/org/mpris/MediaPlayer2"
#define MPRIS_IFACE        "org.mpris.MediaPlayer2"
#define MPRIS_PLAYER_IFACE "org.mpris.MediaPlayer2.Player"
#define PROPERTIES_IFACE   "org.freedesktop.DBus.Properties"

struct _RsbFakeMpris
{
  gatomicrefcount     ref;         /* the test's and the filter's */
  GDBusConnection    *connection;
  char               *bus_name;
  char               *identity;
  char              **schemes;
  gboolean            can_control;
  gboolean            can_seek;
  RsbFakeMprisFaults  faults;
  guint               filter_id;

  GMutex              lock;        /* all below: the worker thread writes */
  GPtrArray          *calls;       /* RsbFakeMprisCall */
  GPtrArray          *unanswered;  /* GDBusMessage kept without reply */
  char               *uri;
  guint               n_tracks;
  char               *track_id;
  char               *status;
  gint64              position_us;
};

void
rsb_fake_mpris_call_free (RsbFakeMprisCall *call)
{
  g_free (call->method);
  g_free (call->args);
  g_free (call);
}

static RsbFakeMprisCall *
call_copy (const RsbFakeMprisCall *call)
{
  RsbFakeMprisCall *copy = g_new0 (RsbFakeMprisCall, 1);

  copy->method = g_strdup (call->method);
  copy->args = g_strdup (call->args);
  copy->stamp_us = call->stamp_us;
  return copy;
}

/* ------------------------------------------------------------------ */
/* Properties (called with the lock held)                               */

static GVariant *
metadata_locked (RsbFakeMpris *self)
{
  GVariantBuilder builder;

  if (self->faults & RSB_FAKE_MPRIS_WRONG_TYPES)
    return g_variant_new_string ("not a dictionary");

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (self->track_id != NULL && !(self->faults & RSB_FAKE_MPRIS_NO_TRACK_ID))
    g_variant_builder_add (&builder, "{sv}", "mpris:trackid", g_variant_new_object_path (self->track_id));
  if (self->uri != NULL)
    g_variant_builder_add (&builder, "{sv}", "xesam:url", g_variant_new_string (self->uri));
  if (self->faults & RSB_FAKE_MPRIS_HUGE_METADATA)
    {
      g_autofree char *title = g_malloc (4 * 1024 * 1024 + 1);

      memset (title, 'a', 4 * 1024 * 1024);
      title[4 * 1024 * 1024] = '\0';
      g_variant_builder_add (&builder, "{sv}", "xesam:title", g_variant_new_string (title));
      for (guint i = 0; i < 20000; i++)
        {
          g_autofree char *key = g_strdup_printf ("xesam:junk%u", i);

          g_variant_builder_add (&builder, "{sv}", key, g_variant_new_uint32 (i));
        }
    }
  return g_variant_builder_end (&builder);
}

static GVariant *
root_properties_locked (RsbFakeMpris *self)
{
  GVariantBuilder builder;
  const char * const no_schemes[] = { NULL };

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (self->faults & RSB_FAKE_MPRIS_WRONG_TYPES)
    {
      g_variant_builder_add (&builder, "{sv}", "Identity", g_variant_new_int32 (42));
      g_variant_builder_add (&builder, "{sv}", "SupportedUriSchemes", g_variant_new_string ("spotify"));
      return g_variant_builder_end (&builder);
    }
  if (self->identity != NULL)
    g_variant_builder_add (&builder, "{sv}", "Identity", g_variant_new_string (self->identity));
  g_variant_builder_add (&builder, "{sv}", "SupportedUriSchemes",
                         g_variant_new_strv (self->schemes != NULL ? (const char * const *) self->schemes
                                                                   : no_schemes, -1));
  g_variant_builder_add (&builder, "{sv}", "SupportedMimeTypes", g_variant_new_strv (no_schemes, -1));
  g_variant_builder_add (&builder, "{sv}", "CanQuit", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "CanRaise", g_variant_new_boolean (FALSE));
  return g_variant_builder_end (&builder);
}

static GVariant *
player_properties_locked (RsbFakeMpris *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (self->faults & RSB_FAKE_MPRIS_WRONG_TYPES)
    {
      g_variant_builder_add (&builder, "{sv}", "CanControl", g_variant_new_string ("yes"));
      g_variant_builder_add (&builder, "{sv}", "CanSeek", g_variant_new_uint32 (1));
      g_variant_builder_add (&builder, "{sv}", "PlaybackStatus", g_variant_new_int32 (3));
      g_variant_builder_add (&builder, "{sv}", "Metadata", metadata_locked (self));
      return g_variant_builder_end (&builder);
    }
  g_variant_builder_add (&builder, "{sv}", "CanControl", g_variant_new_boolean (self->can_control));
  g_variant_builder_add (&builder, "{sv}", "CanPlay", g_variant_new_boolean (self->can_control));
  g_variant_builder_add (&builder, "{sv}", "CanPause", g_variant_new_boolean (self->can_control));
  g_variant_builder_add (&builder, "{sv}", "CanSeek", g_variant_new_boolean (self->can_seek));
  g_variant_builder_add (&builder, "{sv}", "PlaybackStatus", g_variant_new_string (self->status));
  g_variant_builder_add (&builder, "{sv}", "Position", g_variant_new_int64 (self->position_us));
  g_variant_builder_add (&builder, "{sv}", "Metadata", metadata_locked (self));
  return g_variant_builder_end (&builder);
}

static GVariant *
properties_of_locked (RsbFakeMpris *self,
                      const char   *iface)
{
  if (g_strcmp0 (iface, MPRIS_IFACE) == 0)
    return root_properties_locked (self);
  if (g_strcmp0 (iface, MPRIS_PLAYER_IFACE) == 0)
    return player_properties_locked (self);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Answering                                                            */

/* The filter's own connection, never self->connection: the test's
 * thread may be dropping that while a call is answered. */
static void
send (GDBusConnection *connection,
      GDBusMessage    *message)
{
  g_dbus_connection_send_message (connection, message, G_DBUS_SEND_MESSAGE_FLAGS_NONE, NULL, NULL);
  g_object_unref (message);
}

static void
reply (GDBusConnection *self,
       GDBusMessage *call,
       GVariant     *body)
{
  GDBusMessage *message = g_dbus_message_new_method_reply (call);

  if (body != NULL)
    g_dbus_message_set_body (message, body);
  send (self, message);
}

static void
reply_error (GDBusConnection *self,
             GDBusMessage *call,
             const char   *name,
             const char   *text)
{
  send (self, g_dbus_message_new_method_error_literal (call, name, text));
}

static void
announce (RsbFakeMpris    *self,
          GDBusConnection *connection,
          GVariant        *changed)
{
  const char * const none[] = { NULL };

  if (self->faults & (RSB_FAKE_MPRIS_WRONG_TYPES | RSB_FAKE_MPRIS_GARBLED_NEWS))
    {
      GVariantBuilder builder;

      g_variant_unref (g_variant_ref_sink (changed));
      g_dbus_connection_emit_signal (connection, NULL, MPRIS_PATH, PROPERTIES_IFACE,
                                     "PropertiesChanged", g_variant_new ("(s)", "garbage"), NULL);
      g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", "Metadata", g_variant_new_int32 (7));
      g_variant_builder_add (&builder, "{sv}", "CanSeek", g_variant_new_string ("maybe"));
      g_dbus_connection_emit_signal (connection, NULL, MPRIS_PATH, PROPERTIES_IFACE, "PropertiesChanged",
                                     g_variant_new ("(sa{sv}^as)", MPRIS_PLAYER_IFACE, &builder, none), NULL);
      return;
    }
  g_dbus_connection_emit_signal (connection, NULL, MPRIS_PATH, PROPERTIES_IFACE, "PropertiesChanged",
                                 g_variant_new ("(s@a{sv}^as)", MPRIS_PLAYER_IFACE, changed, none), NULL);
}

static GVariant *
status_change_locked (RsbFakeMpris *self,
                      gboolean      with_metadata)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (with_metadata)
    g_variant_builder_add (&builder, "{sv}", "Metadata", metadata_locked (self));
  g_variant_builder_add (&builder, "{sv}", "PlaybackStatus", g_variant_new_string (self->status));
  return g_variant_builder_end (&builder);
}

static gboolean
body_is (GDBusMessage *message,
         const char   *type)
{
  GVariant *body = g_dbus_message_get_body (message);

  if (body == NULL)
    return g_str_equal (type, "()");
  return g_variant_is_of_type (body, G_VARIANT_TYPE (type));
}

/* A Player method: the state changes, then the answer and the news. */
static void
handle_player_method (RsbFakeMpris    *self,
                      GDBusConnection *connection,
                      GDBusMessage    *call,
                      const char   *method)
{
  GVariant *body = g_dbus_message_get_body (call);
  GVariant *changed = NULL;
  const char *expected = "()";

  if (g_str_equal (method, "OpenUri"))
    expected = "(s)";
  else if (g_str_equal (method, "SetPosition"))
    expected = "(ox)";
  else if (g_str_equal (method, "Seek"))
    expected = "(x)";
  if (!body_is (call, expected))
    {
      reply_error (connection, call, "org.freedesktop.DBus.Error.InvalidArgs", "Wrong arguments");
      return;
    }

  g_mutex_lock (&self->lock);
  if (g_str_equal (method, "OpenUri"))
    {
      if (self->faults & RSB_FAKE_MPRIS_REFUSE_OPEN)
        {
          g_mutex_unlock (&self->lock);
          reply_error (connection, call, "org.mpris.MediaPlayer2.Player.Error.NotSupported",
                       "This player cannot open that");
          return;
        }
      g_free (self->uri);
      g_variant_get (body, "(s)", &self->uri);
      g_free (self->track_id);
      self->track_id = g_strdup_printf ("/org/mpris/MediaPlayer2/Track/%u", ++self->n_tracks);
      self->position_us = 0;
      g_free (self->status);
      self->status = g_strdup ("Playing");
      changed = status_change_locked (self, TRUE);
    }
  else if (g_str_equal (method, "SetPosition"))
    {
      const char *track_id;
      gint64 position;

      g_variant_get (body, "(&ox)", &track_id, &position);
      /* The MPRIS rule: a stale track id is ignored. */
      if (self->can_seek && g_strcmp0 (track_id, self->track_id) == 0 && position >= 0)
        self->position_us = position;
    }
  else if (g_str_equal (method, "Seek"))
    {
      gint64 offset;

      g_variant_get (body, "(x)", &offset);
      if (self->can_seek)
        self->position_us = MAX (0, self->position_us + offset);
    }
  else if (g_str_equal (method, "Pause") || g_str_equal (method, "Play") ||
           g_str_equal (method, "Stop") || g_str_equal (method, "PlayPause"))
    {
      const char *status = g_str_equal (method, "Pause") ? "Paused"
                         : g_str_equal (method, "Stop") ? "Stopped"
                         : g_str_equal (method, "Play") ? "Playing"
                         : g_str_equal (self->status, "Playing") ? "Paused" : "Playing";

      g_free (self->status);
      self->status = g_strdup (status);
      changed = status_change_locked (self, FALSE);
    }
  else if (!g_str_equal (method, "Next") && !g_str_equal (method, "Previous"))
    {
      g_mutex_unlock (&self->lock);
      reply_error (connection, call, "org.freedesktop.DBus.Error.UnknownMethod", "No such method");
      return;
    }
  g_mutex_unlock (&self->lock);

  reply (connection, call, NULL);
  if (changed != NULL)
    announce (self, connection, changed);
}

static void
handle_properties (RsbFakeMpris    *self,
                   GDBusConnection *connection,
                   GDBusMessage    *call,
                   const char   *method)
{
  GVariant *body = g_dbus_message_get_body (call);
  const char *iface = NULL;
  const char *name = NULL;
  GVariant *all = NULL;

  if (g_str_equal (method, "GetAll") && body_is (call, "(s)"))
    g_variant_get (body, "(&s)", &iface);
  else if (g_str_equal (method, "Get") && body_is (call, "(ss)"))
    g_variant_get (body, "(&s&s)", &iface, &name);
  else
    {
      reply_error (connection, call, "org.freedesktop.DBus.Error.PropertyReadOnly", "Nothing can be set");
      return;
    }

  g_mutex_lock (&self->lock);
  all = properties_of_locked (self, iface);
  g_mutex_unlock (&self->lock);
  if (all == NULL)
    {
      reply_error (connection, call, "org.freedesktop.DBus.Error.UnknownInterface", "No such interface");
      return;
    }
  if (name == NULL)
    {
      reply (connection, call, g_variant_new_tuple (&all, 1));
      return;
    }

  {
    g_autoptr(GVariant) owned = g_variant_ref_sink (all);
    g_autoptr(GVariant) value = g_variant_lookup_value (owned, name, NULL);

    if (value == NULL)
      reply_error (connection, call, "org.freedesktop.DBus.Error.UnknownProperty", "No such property");
    else
      reply (connection, call, g_variant_new ("(v)", value));
  }
}

static void
record (RsbFakeMpris *self,
        GDBusMessage *message,
        gint64        stamp_us)
{
  RsbFakeMprisCall *call = g_new0 (RsbFakeMprisCall, 1);
  GVariant *body = g_dbus_message_get_body (message);

  call->method = g_strdup (g_dbus_message_get_member (message));
  call->args = body != NULL ? g_variant_print (body, TRUE) : g_strdup ("()");
  call->stamp_us = stamp_us;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->calls, call);
  g_mutex_unlock (&self->lock);
}

static GDBusMessage *
filter (GDBusConnection *connection,
        GDBusMessage    *message,
        gboolean         incoming,
        gpointer         user_data)
{
  RsbFakeMpris *self = user_data;
  gint64 stamp_us = g_get_monotonic_time ();
  const char *iface = g_dbus_message_get_interface (message);
  const char *method = g_dbus_message_get_member (message);
  gboolean is_player;

  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      g_strcmp0 (g_dbus_message_get_path (message), MPRIS_PATH) != 0 || method == NULL)
    return message;

  record (self, message, stamp_us);
  is_player = g_strcmp0 (iface, MPRIS_PLAYER_IFACE) == 0;
  if ((self->faults & RSB_FAKE_MPRIS_SILENT) || (is_player && (self->faults & RSB_FAKE_MPRIS_SILENT_METHODS)))
    {
      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->unanswered, message);
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  if (g_strcmp0 (iface, PROPERTIES_IFACE) == 0)
    handle_properties (self, connection, message, method);
  else if (is_player)
    handle_player_method (self, connection, message, method);
  else if (g_strcmp0 (iface, MPRIS_IFACE) == 0 && (g_str_equal (method, "Raise") || g_str_equal (method, "Quit")))
    reply (connection, message, NULL);
  else
    return message;   /* GDBus answers: no such interface */
  g_object_unref (message);
  return NULL;
}

/* ------------------------------------------------------------------ */

static void fake_unref (gpointer data);

RsbFakeMpris *
rsb_fake_mpris_new (const char              *address,
                    const RsbFakeMprisSpec  *spec,
                    GError                 **error)
{
  RsbFakeMpris *self = g_new0 (RsbFakeMpris, 1);
  g_autoptr(GVariant) answer = NULL;

  g_atomic_ref_count_init (&self->ref);
  guint32 result;

  g_mutex_init (&self->lock);
  self->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_fake_mpris_call_free);
  self->unanswered = g_ptr_array_new_with_free_func (g_object_unref);
  self->bus_name = g_strconcat ("org.mpris.MediaPlayer2.", spec->name, NULL);
  self->identity = g_strdup (spec->identity);
  self->schemes = g_strdupv ((char **) spec->schemes);
  self->can_control = spec->can_control;
  self->can_seek = spec->can_seek;
  self->faults = spec->faults;
  self->status = g_strdup ("Stopped");

  self->connection = g_dbus_connection_new_for_address_sync (address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, error);
  if (self->connection == NULL)
    {
      rsb_fake_mpris_free (self);
      return NULL;
    }
  g_atomic_ref_count_inc (&self->ref);
  self->filter_id = g_dbus_connection_add_filter (self->connection, filter, self, fake_unref);
  answer = g_dbus_connection_call_sync (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                        "org.freedesktop.DBus", "RequestName",
                                        g_variant_new ("(su)", self->bus_name, 4 /* DO_NOT_QUEUE */),
                                        G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
  if (answer == NULL)
    {
      rsb_fake_mpris_free (self);
      return NULL;
    }
  g_variant_get (answer, "(u)", &result);
  if (result != 1 /* PRIMARY_OWNER */)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s is taken", self->bus_name);
      rsb_fake_mpris_free (self);
      return NULL;
    }
  return self;
}

void
rsb_fake_mpris_vanish (RsbFakeMpris *self)
{
  if (self->connection != NULL && !g_dbus_connection_is_closed (self->connection))
    g_dbus_connection_close_sync (self->connection, NULL, NULL);
}

/* GDBus may still be running the filter as it is removed: the state
 * goes with the last of the two references. */
static void
fake_unref (gpointer data)
{
  RsbFakeMpris *self = data;

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_ptr_array_unref (self->calls);
  g_ptr_array_unref (self->unanswered);
  g_free (self->bus_name);
  g_free (self->identity);
  g_strfreev (self->schemes);
  g_free (self->uri);
  g_free (self->track_id);
  g_free (self->status);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
rsb_fake_mpris_free (RsbFakeMpris *self)
{
  if (self == NULL)
    return;
  rsb_fake_mpris_vanish (self);
  if (self->connection != NULL && self->filter_id != 0)
    g_dbus_connection_remove_filter (self->connection, self->filter_id);
  g_clear_object (&self->connection);
  fake_unref (self);
}

static gboolean
is_property_call (const RsbFakeMprisCall *call)
{
  return g_str_equal (call->method, "Get") || g_str_equal (call->method, "GetAll") ||
         g_str_equal (call->method, "Set");
}

GPtrArray *
rsb_fake_mpris_dup_calls (RsbFakeMpris *self,
                          gboolean      with_properties)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) rsb_fake_mpris_call_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->calls->len; i++)
    {
      const RsbFakeMprisCall *call = g_ptr_array_index (self->calls, i);

      if (with_properties || !is_property_call (call))
        g_ptr_array_add (copy, call_copy (call));
    }
  g_mutex_unlock (&self->lock);
  return copy;
}

guint
rsb_fake_mpris_count_calls (RsbFakeMpris *self,
                            const char   *method)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->calls->len; i++)
    {
      const RsbFakeMprisCall *call = g_ptr_array_index (self->calls, i);

      if (g_str_equal (call->method, method))
        n++;
    }
  g_mutex_unlock (&self->lock);
  return n;
}

char *
rsb_fake_mpris_dup_uri (RsbFakeMpris *self)
{
  char *uri;

  g_mutex_lock (&self->lock);
  uri = g_strdup (self->uri);
  g_mutex_unlock (&self->lock);
  return uri;
}

char *
rsb_fake_mpris_dup_status (RsbFakeMpris *self)
{
  char *status;

  g_mutex_lock (&self->lock);
  status = g_strdup (self->status);
  g_mutex_unlock (&self->lock);
  return status;
}

gint64
rsb_fake_mpris_position_us (RsbFakeMpris *self)
{
  gint64 position;

  g_mutex_lock (&self->lock);
  position = self->position_us;
  g_mutex_unlock (&self->lock);
  return position;
}
