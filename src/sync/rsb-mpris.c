/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-mpris.c: MPRIS players on a session bus, found through the bus's
 * ListNames and NameOwnerChanged and spoken to by their unique name, so
 * a call always reaches the process whose properties were read. Every
 * value from a player is checked for its type before use: a player is
 * another program, and may be broken or hostile. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rsb-mpris.h"

#define MPRIS_PATH         "/org/mpris/MediaPlayer2"
#define MPRIS_IFACE        "org.mpris.MediaPlayer2"
#define MPRIS_PLAYER_IFACE "org.mpris.MediaPlayer2.Player"
#define PROPERTIES_IFACE   "org.freedesktop.DBus.Properties"

/* A player's words are shown to people: keep them short. */
#define MAX_REMOTE_MESSAGE 200
#define MAX_NAME           80

G_DEFINE_QUARK (rsb-mpris-error-quark, rsb_mpris_error)

int
rsb_mpris_call_timeout_ms (void)
{
  const char *env = g_getenv ("RSB_MPRIS_TIMEOUT_MS");
  gint64 value;

  if (env != NULL && g_ascii_string_to_signed (env, 10, 1, 600000, &value, NULL))
    return (int) value;
  return 3000;
}

/* Text from a player made valid UTF-8 and at most max characters. */
static char *
shortened (const char *text,
           glong       max)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) > max)
    {
      char *end = g_utf8_offset_to_pointer (valid, max);

      *end = '\0';
      return g_strconcat (valid, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

/* ------------------------------------------------------------------ */
/* One player                                                           */

struct _RsbMprisPlayer
{
  GObject           parent_instance;
  GDBusConnection  *connection;
  char             *bus_name;
  char             *owner;          /* unique name the calls go to */
  char             *short_name;     /* the bus name's last part */
  char             *identity;
  char            **schemes;
  gboolean          can_control;
  gboolean          can_play;
  gboolean          can_seek;
  char             *status;
  char             *track_id;
  GVariant         *metadata;
  char             *problem;
  guint             pending_reads;
  gboolean          ready;
  gboolean          gone;
  guint             properties_id;
  GCancellable     *cancellable;    /* of the reads; cancelled when it goes */
};

enum { PLAYER_CHANGED, N_PLAYER_SIGNALS };
static guint player_signals[N_PLAYER_SIGNALS];

G_DEFINE_TYPE (RsbMprisPlayer, rsb_mpris_player, G_TYPE_OBJECT)

static void
rsb_mpris_player_forget_bus (RsbMprisPlayer *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->properties_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->properties_id);
  self->properties_id = 0;
}

static void
rsb_mpris_player_dispose (GObject *object)
{
  RsbMprisPlayer *self = RSB_MPRIS_PLAYER (object);

  rsb_mpris_player_forget_bus (self);
  g_clear_object (&self->connection);
  G_OBJECT_CLASS (rsb_mpris_player_parent_class)->dispose (object);
}

static void
rsb_mpris_player_finalize (GObject *object)
{
  RsbMprisPlayer *self = RSB_MPRIS_PLAYER (object);

  g_free (self->bus_name);
  g_free (self->owner);
  g_free (self->short_name);
  g_free (self->identity);
  g_strfreev (self->schemes);
  g_free (self->status);
  g_free (self->track_id);
  g_clear_pointer (&self->metadata, g_variant_unref);
  g_free (self->problem);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (rsb_mpris_player_parent_class)->finalize (object);
}

static void
rsb_mpris_player_class_init (RsbMprisPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rsb_mpris_player_dispose;
  object_class->finalize = rsb_mpris_player_finalize;
  player_signals[PLAYER_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rsb_mpris_player_init (RsbMprisPlayer *self)
{
  self->cancellable = g_cancellable_new ();
}

/* The first problem is kept: it is the one to tell. */
static void
set_problem (RsbMprisPlayer *self,
             char           *problem)
{
  if (self->problem == NULL)
    self->problem = problem;
  else
    g_free (problem);
}

static void
set_malformed (RsbMprisPlayer *self,
               const char     *property,
               GVariant       *value)
{
  g_debug ("%s sent %s of type %s", self->bus_name, property, g_variant_get_type_string (value));
  /* Translators: %s is a music player's name, e.g. "Spotify". */
  set_problem (self, g_strdup_printf (_("%s sent information about itself that makes no sense."),
                                      rsb_mpris_player_get_name (self)));
}

/* mpris:trackid is an object path; some players send it as a string. */
static char *
track_id_of (GVariant *metadata)
{
  g_autoptr(GVariant) id = g_variant_lookup_value (metadata, "mpris:trackid", NULL);
  const char *path;

  if (id == NULL)
    return NULL;
  if (!g_variant_is_of_type (id, G_VARIANT_TYPE_OBJECT_PATH) &&
      !g_variant_is_of_type (id, G_VARIANT_TYPE_STRING))
    return NULL;
  path = g_variant_get_string (id, NULL);
  if (!g_variant_is_object_path (path) || g_str_equal (path, RSB_MPRIS_NO_TRACK))
    return NULL;
  return g_strdup (path);
}

static gboolean
take_boolean (RsbMprisPlayer *self,
              const char     *name,
              GVariant       *value,
              gboolean       *field)
{
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      set_malformed (self, name, value);
      return FALSE;
    }
  *field = g_variant_get_boolean (value);
  return TRUE;
}

static gboolean
take_string (RsbMprisPlayer *self,
             const char     *name,
             GVariant       *value,
             char          **field)
{
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      set_malformed (self, name, value);
      return FALSE;
    }
  g_free (*field);
  *field = g_variant_dup_string (value, NULL);
  return TRUE;
}

/* One property of either interface; others are ignored. */
static void
apply_property (RsbMprisPlayer *self,
                const char     *name,
                GVariant       *value)
{
  if (g_str_equal (name, "Identity"))
    {
      g_autofree char *identity = NULL;

      if (take_string (self, name, value, &identity))
        {
          g_free (self->identity);
          self->identity = shortened (identity, MAX_NAME);
        }
    }
  else if (g_str_equal (name, "SupportedUriSchemes"))
    {
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
        set_malformed (self, name, value);
      else
        {
          g_strfreev (self->schemes);
          self->schemes = g_variant_dup_strv (value, NULL);
        }
    }
  else if (g_str_equal (name, "CanControl"))
    take_boolean (self, name, value, &self->can_control);
  else if (g_str_equal (name, "CanPlay"))
    take_boolean (self, name, value, &self->can_play);
  else if (g_str_equal (name, "CanSeek"))
    take_boolean (self, name, value, &self->can_seek);
  else if (g_str_equal (name, "PlaybackStatus"))
    take_string (self, name, value, &self->status);
  else if (g_str_equal (name, "Metadata"))
    {
      /* A broken Metadata loses the song, not the player. */
      g_clear_pointer (&self->metadata, g_variant_unref);
      g_clear_pointer (&self->track_id, g_free);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
        {
          self->metadata = g_variant_ref (value);
          self->track_id = track_id_of (value);
        }
      else
        g_debug ("%s sent Metadata of type %s", self->bus_name, g_variant_get_type_string (value));
    }
}

static void
apply_properties (RsbMprisPlayer *self,
                  GVariant       *dict)
{
  GVariantIter iter;
  const char *name;
  GVariant *value;

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
    apply_property (self, name, value);
}

static void
read_done (RsbMprisPlayer *self)
{
  g_return_if_fail (self->pending_reads > 0);
  if (--self->pending_reads == 0)
    self->ready = TRUE;
  g_signal_emit (self, player_signals[PLAYER_CHANGED], 0);
}

static gboolean
is_timeout (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT);
}

static void
on_get_all (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  RsbMprisPlayer *self;
  g_autoptr(GVariant) dict = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the player is gone: user_data may be too */
  self = RSB_MPRIS_PLAYER (user_data);

  if (error != NULL)
    {
      g_debug ("Reading the properties of %s: %s", self->bus_name, error->message);
      if (is_timeout (error))
        /* Translators: %s is a music player's name. */
        set_problem (self, g_strdup_printf (_("%s does not answer."), rsb_mpris_player_get_name (self)));
      else
        /* Translators: %s is a music player's name. */
        set_problem (self, g_strdup_printf (_("%s does not say what it can do."),
                                            rsb_mpris_player_get_name (self)));
    }
  else
    {
      dict = g_variant_get_child_value (reply, 0);
      apply_properties (self, dict);
    }
  read_done (self);
}

static void
read_interface (RsbMprisPlayer *self,
                const char     *iface)
{
  self->pending_reads++;
  g_dbus_connection_call (self->connection, self->owner, MPRIS_PATH, PROPERTIES_IFACE, "GetAll",
                          g_variant_new ("(s)", iface), G_VARIANT_TYPE ("(a{sv})"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, rsb_mpris_call_timeout_ms (),
                          self->cancellable, on_get_all, self);
}

/* PropertiesChanged may list a property as invalidated instead of
 * sending its value: read it again. */
typedef struct {
  RsbMprisPlayer *player;   /* weak: the read is cancelled when it goes */
  char           *name;
} PropertyRead;

static void
on_reread (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PropertyRead *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply != NULL)
    {
      g_autoptr(GVariant) value = NULL;

      g_variant_get (reply, "(v)", &value);
      apply_property (read->player, read->name, value);
      g_signal_emit (read->player, player_signals[PLAYER_CHANGED], 0);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Reading %s of %s: %s", read->name, read->player->bus_name, error->message);
  g_free (read->name);
  g_free (read);
}

static void
reread_property (RsbMprisPlayer *self,
                 const char     *iface,
                 const char     *name)
{
  PropertyRead *read = g_new0 (PropertyRead, 1);

  read->player = self;
  read->name = g_strdup (name);
  g_dbus_connection_call (self->connection, self->owner, MPRIS_PATH, PROPERTIES_IFACE, "Get",
                          g_variant_new ("(ss)", iface, name), G_VARIANT_TYPE ("(v)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, rsb_mpris_call_timeout_ms (),
                          self->cancellable, on_reread, read);
}

/* The properties apply_property reads: only these are asked again, each
 * once, however long a player's list of invalidated names. */
static const char * const known_properties[] = {
  "Identity", "SupportedUriSchemes", "CanControl", "CanPlay", "CanSeek", "PlaybackStatus", "Metadata",
};

static void
reread_invalidated (RsbMprisPlayer     *self,
                    const char         *iface,
                    const char * const *invalidated)
{
  for (guint k = 0; k < G_N_ELEMENTS (known_properties); k++)
    if (g_strv_contains (invalidated, known_properties[k]))
      reread_property (self, iface, known_properties[k]);
}

static void
on_properties_changed (GDBusConnection *connection,
                       const char      *sender,
                       const char      *path,
                       const char      *iface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  RsbMprisPlayer *self = RSB_MPRIS_PLAYER (user_data);
  const char *changed_iface;
  g_autoptr(GVariant) changed = NULL;
  g_autofree const char **invalidated = NULL;

  /* The bus does not check a signal's signature against anything. */
  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sa{sv}as)")))
    {
      g_debug ("%s sent PropertiesChanged of type %s", self->bus_name,
               g_variant_get_type_string (parameters));
      return;
    }
  g_variant_get (parameters, "(&s@a{sv}^a&s)", &changed_iface, &changed, &invalidated);
  if (!g_str_equal (changed_iface, MPRIS_IFACE) && !g_str_equal (changed_iface, MPRIS_PLAYER_IFACE))
    return;
  apply_properties (self, changed);
  reread_invalidated (self, changed_iface, invalidated);
  g_signal_emit (self, player_signals[PLAYER_CHANGED], 0);
}

static RsbMprisPlayer *
rsb_mpris_player_new (GDBusConnection *connection,
                      const char      *bus_name,
                      const char      *owner)
{
  RsbMprisPlayer *self = g_object_new (RSB_TYPE_MPRIS_PLAYER, NULL);

  self->connection = g_object_ref (connection);
  self->bus_name = g_strdup (bus_name);
  self->owner = g_strdup (owner);
  self->short_name = g_strdup (bus_name + strlen (RSB_MPRIS_NAME_PREFIX));
  /* Subscribed before reading, so no change falls between the two. */
  self->properties_id =
    g_dbus_connection_signal_subscribe (connection, owner, PROPERTIES_IFACE, "PropertiesChanged",
                                        MPRIS_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_properties_changed, self, NULL);
  read_interface (self, MPRIS_IFACE);
  read_interface (self, MPRIS_PLAYER_IFACE);
  return self;
}

/* The player's name went away: nothing it says counts any more. */
static void
rsb_mpris_player_mark_gone (RsbMprisPlayer *self)
{
  self->gone = TRUE;
  rsb_mpris_player_forget_bus (self);
}

const char *
rsb_mpris_player_get_bus_name (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), NULL);
  return self->bus_name;
}

const char *
rsb_mpris_player_get_name (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), NULL);
  if (self->identity != NULL && *self->identity != '\0')
    return self->identity;
  return self->short_name;
}

gboolean
rsb_mpris_player_is_ready (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), FALSE);
  return self->ready;
}

const char *
rsb_mpris_player_get_problem (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), NULL);
  return self->problem;
}

gboolean
rsb_mpris_player_supports_scheme (RsbMprisPlayer *self,
                                  const char     *scheme)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), FALSE);
  for (guint i = 0; self->schemes != NULL && self->schemes[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (self->schemes[i], scheme) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
rsb_mpris_player_get_can_control (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), FALSE);
  return self->can_control;
}

gboolean
rsb_mpris_player_get_can_play (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), FALSE);
  return self->can_play;
}

gboolean
rsb_mpris_player_get_can_seek (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), FALSE);
  return self->can_seek;
}

const char *
rsb_mpris_player_get_playback_status (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), NULL);
  return self->status;
}

const char *
rsb_mpris_player_get_track_id (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), NULL);
  return self->track_id;
}

GVariant *
rsb_mpris_player_get_metadata (RsbMprisPlayer *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS_PLAYER (self), NULL);
  return self->metadata;
}

/* A player's own words, made short and valid UTF-8 for a message. */
static char *
remote_message (const GError *error)
{
  g_autoptr(GError) copy = g_error_copy (error);

  g_dbus_error_strip_remote_error (copy);
  return shortened (copy->message, MAX_REMOTE_MESSAGE);
}

/* A D-Bus failure as people read it, naming the player. */
static GError *
player_error (RsbMprisPlayer *self,
              const GError   *error)
{
  const char *name = rsb_mpris_player_get_name (self);

  if (is_timeout (error))
    /* Translators: %s is a music player's name. */
    return g_error_new (RSB_MPRIS_ERROR, RSB_MPRIS_ERROR_TIMED_OUT, _("%s did not answer in time."), name);
  if (self->gone ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    /* Translators: %s is a music player's name. */
    return g_error_new (RSB_MPRIS_ERROR, RSB_MPRIS_ERROR_GONE, _("%s has closed."), name);
  if (g_dbus_error_is_remote_error (error))
    {
      g_autofree char *said = remote_message (error);

      /* Translators: the first %s is a music player's name, the second
       * its own explanation. */
      return g_error_new (RSB_MPRIS_ERROR, RSB_MPRIS_ERROR_FAILED, _("%s refused: %s"), name, said);
    }
  /* Translators: the first %s is a music player's name, the second why. */
  return g_error_new (RSB_MPRIS_ERROR, RSB_MPRIS_ERROR_FAILED, _("%s could not be reached: %s"),
                      name, error->message);
}

static void
on_player_call (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  /* Whatever a void method's reply carries is of no interest. */
  if (reply != NULL)
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_error (task, player_error (g_task_get_source_object (task), error));
}

static void
call_player (RsbMprisPlayer      *self,
             const char          *method,
             GVariant            *parameters,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, call_player);
  if (self->gone || self->connection == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "gone");

      if (parameters != NULL)
        g_variant_unref (g_variant_ref_sink (parameters));
      g_task_return_error (task, player_error (self, error));
      g_object_unref (task);
      return;
    }
  g_dbus_connection_call (self->connection, self->owner, MPRIS_PATH, MPRIS_PLAYER_IFACE, method,
                          parameters, NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          rsb_mpris_call_timeout_ms (), cancellable, on_player_call, task);
}

void
rsb_mpris_player_open_uri (RsbMprisPlayer      *self,
                           const char          *uri,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (RSB_IS_MPRIS_PLAYER (self));
  call_player (self, "OpenUri", g_variant_new ("(s)", uri), cancellable, callback, user_data);
}

void
rsb_mpris_player_set_position (RsbMprisPlayer      *self,
                               const char          *track_id,
                               gint64               position_us,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RSB_IS_MPRIS_PLAYER (self));
  g_return_if_fail (g_variant_is_object_path (track_id));
  call_player (self, "SetPosition", g_variant_new ("(ox)", track_id, position_us),
               cancellable, callback, user_data);
}

void
rsb_mpris_player_seek (RsbMprisPlayer      *self,
                       gint64               offset_us,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (RSB_IS_MPRIS_PLAYER (self));
  call_player (self, "Seek", g_variant_new ("(x)", offset_us), cancellable, callback, user_data);
}

void
rsb_mpris_player_pause (RsbMprisPlayer      *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (RSB_IS_MPRIS_PLAYER (self));
  call_player (self, "Pause", NULL, cancellable, callback, user_data);
}

void
rsb_mpris_player_play (RsbMprisPlayer      *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (RSB_IS_MPRIS_PLAYER (self));
  call_player (self, "Play", NULL, cancellable, callback, user_data);
}

gboolean
rsb_mpris_player_call_finish (RsbMprisPlayer  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* The players on the bus                                               */

struct _RsbMpris
{
  GObject           parent_instance;
  GDBusConnection  *connection;
  GPtrArray        *players;        /* RsbMprisPlayer*, owned */
  GCancellable     *cancellable;
  guint             owner_changed_id;
  guint             pending;        /* first look: ListNames + GetNameOwner */
  gboolean          ready;
};

enum { PROP_0, PROP_READY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { PLAYER_ADDED, PLAYER_REMOVED, PLAYER_CHANGED_ON_BUS, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (RsbMpris, rsb_mpris, G_TYPE_OBJECT)

static void
rsb_mpris_dispose (GObject *object)
{
  RsbMpris *self = RSB_MPRIS (object);

  g_cancellable_cancel (self->cancellable);
  if (self->owner_changed_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->owner_changed_id);
  self->owner_changed_id = 0;
  if (self->players != NULL)
    {
      for (guint i = 0; i < self->players->len; i++)
        {
          RsbMprisPlayer *player = g_ptr_array_index (self->players, i);

          g_signal_handlers_disconnect_by_data (player, self);
          rsb_mpris_player_mark_gone (player);
        }
      g_clear_pointer (&self->players, g_ptr_array_unref);
    }
  g_clear_object (&self->connection);
  G_OBJECT_CLASS (rsb_mpris_parent_class)->dispose (object);
}

static void
rsb_mpris_finalize (GObject *object)
{
  RsbMpris *self = RSB_MPRIS (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (rsb_mpris_parent_class)->finalize (object);
}

static void
rsb_mpris_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RsbMpris *self = RSB_MPRIS (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_mpris_class_init (RsbMprisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rsb_mpris_dispose;
  object_class->finalize = rsb_mpris_finalize;
  object_class->get_property = rsb_mpris_get_property;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PLAYER_ADDED] =
    g_signal_new ("player-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RSB_TYPE_MPRIS_PLAYER);
  signals[PLAYER_REMOVED] =
    g_signal_new ("player-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RSB_TYPE_MPRIS_PLAYER);
  signals[PLAYER_CHANGED_ON_BUS] =
    g_signal_new ("player-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RSB_TYPE_MPRIS_PLAYER);
}

static void
rsb_mpris_init (RsbMpris *self)
{
  self->players = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

static gboolean
is_player_name (const char *name)
{
  return g_str_has_prefix (name, RSB_MPRIS_NAME_PREFIX) &&
         name[strlen (RSB_MPRIS_NAME_PREFIX)] != '\0';
}

static int
find_player (RsbMpris   *self,
             const char *bus_name)
{
  for (guint i = 0; i < self->players->len; i++)
    {
      RsbMprisPlayer *player = g_ptr_array_index (self->players, i);

      if (g_str_equal (player->bus_name, bus_name))
        return (int) i;
    }
  return -1;
}

static void
remove_player (RsbMpris   *self,
               const char *bus_name)
{
  int index = find_player (self, bus_name);
  g_autoptr(RsbMprisPlayer) player = NULL;

  if (index < 0)
    return;
  player = g_object_ref (g_ptr_array_index (self->players, index));
  g_signal_handlers_disconnect_by_data (player, self);
  rsb_mpris_player_mark_gone (player);
  g_ptr_array_remove_index (self->players, index);
  g_debug ("Player %s left the bus", bus_name);
  g_signal_emit (self, signals[PLAYER_REMOVED], 0, player);
}

static void
on_player_changed (RsbMprisPlayer *player,
                   RsbMpris       *self)
{
  g_signal_emit (self, signals[PLAYER_CHANGED_ON_BUS], 0, player);
}

static void
add_player (RsbMpris   *self,
            const char *bus_name,
            const char *owner)
{
  int index = find_player (self, bus_name);
  RsbMprisPlayer *player;

  if (index >= 0)
    {
      if (g_str_equal (((RsbMprisPlayer *) g_ptr_array_index (self->players, index))->owner, owner))
        return;   /* seen both in ListNames and NameOwnerChanged */
      remove_player (self, bus_name);
    }
  player = rsb_mpris_player_new (self->connection, bus_name, owner);
  g_signal_connect (player, "changed", G_CALLBACK (on_player_changed), self);
  g_ptr_array_add (self->players, player);
  g_debug ("Player %s (%s) is on the bus", bus_name, owner);
  g_signal_emit (self, signals[PLAYER_ADDED], 0, player);
}

static void
first_look_step_done (RsbMpris *self)
{
  g_return_if_fail (self->pending > 0);
  if (--self->pending > 0)
    return;
  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
on_name_owner_changed (GDBusConnection *connection,
                       const char      *sender,
                       const char      *path,
                       const char      *iface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  RsbMpris *self = RSB_MPRIS (user_data);
  const char *name, *old_owner, *new_owner;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sss)")))
    return;
  g_variant_get (parameters, "(&s&s&s)", &name, &old_owner, &new_owner);
  if (!is_player_name (name))
    return;
  if (*new_owner == '\0')
    remove_player (self, name);
  else
    add_player (self, name, new_owner);
}

typedef struct {
  RsbMpris *mpris;   /* weak: the call is cancelled when it goes */
  char     *name;
} OwnerLookup;

static void
on_get_name_owner (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  OwnerLookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      const char *owner;

      /* An error: the player left between ListNames and now. */
      if (reply != NULL)
        {
          g_variant_get (reply, "(&s)", &owner);
          add_player (lookup->mpris, lookup->name, owner);
        }
      first_look_step_done (lookup->mpris);
    }
  g_free (lookup->name);
  g_free (lookup);
}

static void
on_list_names (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_autofree const char **names = NULL;
  RsbMpris *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RSB_MPRIS (user_data);
  if (error != NULL)
    g_warning ("Could not list the programs on the session bus: %s", error->message);
  else
    {
      g_variant_get (reply, "(^a&s)", &names);
      for (guint i = 0; names[i] != NULL; i++)
        {
          OwnerLookup *lookup;

          if (!is_player_name (names[i]))
            continue;
          lookup = g_new0 (OwnerLookup, 1);
          lookup->mpris = self;
          lookup->name = g_strdup (names[i]);
          self->pending++;
          g_dbus_connection_call (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                  "org.freedesktop.DBus", "GetNameOwner", g_variant_new ("(s)", names[i]),
                                  G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                  self->cancellable, on_get_name_owner, lookup);
        }
    }
  first_look_step_done (self);
}

RsbMpris *
rsb_mpris_new (GDBusConnection *connection)
{
  RsbMpris *self;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  self = g_object_new (RSB_TYPE_MPRIS, NULL);
  self->connection = g_object_ref (connection);
  /* Watch first, then list: a player starting in between is seen by
   * one or both, and add_player takes it once. */
  self->owner_changed_id =
    g_dbus_connection_signal_subscribe (connection, "org.freedesktop.DBus", "org.freedesktop.DBus",
                                        "NameOwnerChanged", "/org/freedesktop/DBus", "org.mpris.MediaPlayer2",
                                        G_DBUS_SIGNAL_FLAGS_MATCH_ARG0_NAMESPACE,
                                        on_name_owner_changed, self, NULL);
  self->pending = 1;
  g_dbus_connection_call (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListNames", NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, on_list_names, self);
  return self;
}

GPtrArray *
rsb_mpris_get_players (RsbMpris *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS (self), NULL);
  return self->players;
}

gboolean
rsb_mpris_is_ready (RsbMpris *self)
{
  g_return_val_if_fail (RSB_IS_MPRIS (self), FALSE);
  return self->ready;
}
