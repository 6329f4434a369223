/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-replay-bar.c: the transport under the map that plays a workout back.
 *
 * Play/Pause, the speed, the scrubber with the songs' bands, elapsed
 * and total time, and the Follow and "Play the songs" toggles. While
 * playing, each frame reads the replay's position off the frame
 * clock's time (rsb-replay.c) and sets the "position" property; the
 * activity view moves the marker and the selection from its notify.
 * Scrubbing and the keys move the position at once, playing or not.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rsb-format.h"
#include "rsb-replay.h"
#include "rsb-replay-bar.h"
#include "rsb-replay-scrubber.h"

#define SMALL_STEP_S  10
#define LARGE_STEP_S  60

struct _RsbReplayBar
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  RsbReplayScrubber *scrubber;
  GtkWidget         *controls;
  GtkInscription    *elapsed_label;
  GtkLabel          *total_label;
  GtkButton         *play_button;
  GtkDropDown       *speed_dropdown;
  GtkToggleButton   *follow_button;
  GtkToggleButton   *listen_button;
  GtkLabel          *unavailable_label;
  GtkLabel          *listen_note;
  GtkPopover        *listen_popover;   /* says why not, made when needed */
  gboolean           listen_available;
  char              *listen_reason;

  const RsbActivity *activity;   /* borrowed from the activity view */
  RsbReplayTimeline *timeline;   /* NULL: nothing to replay */
  RsbReplayClock     clock;
  guint              tick;
  gboolean           ticking;    /* the position being set comes from the clock */
  gboolean           anchor_on_tick;  /* started, moved or sped up since the last frame */
  char              *elapsed_text;
};

enum {
  PROP_0,
  PROP_POSITION,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_FOLLOW,
  PROP_LISTEN_ALONG,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RsbReplayBar, rsb_replay_bar, GTK_TYPE_WIDGET)

/* Frame time when there is a frame clock, so the anchor and the frames
 * that follow read the same clock. */
static gint64
now_us (RsbReplayBar *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

double
rsb_replay_bar_get_position (RsbReplayBar *self)
{
  g_return_val_if_fail (RSB_IS_REPLAY_BAR (self), 0);
  return rsb_replay_scrubber_get_position (self->scrubber);
}

gboolean
rsb_replay_bar_get_playing (RsbReplayBar *self)
{
  g_return_val_if_fail (RSB_IS_REPLAY_BAR (self), FALSE);
  return self->clock.playing;
}

double
rsb_replay_bar_get_speed (RsbReplayBar *self)
{
  g_return_val_if_fail (RSB_IS_REPLAY_BAR (self), 1);
  return self->clock.speed;
}

gboolean
rsb_replay_bar_can_replay (RsbReplayBar *self)
{
  g_return_val_if_fail (RSB_IS_REPLAY_BAR (self), FALSE);
  return self->timeline != NULL;
}

guint
rsb_replay_bar_get_point (RsbReplayBar *self)
{
  g_return_val_if_fail (RSB_IS_REPLAY_BAR (self), 0);
  if (self->timeline == NULL)
    return 0;
  return rsb_replay_timeline_point_at (self->timeline, rsb_replay_bar_get_position (self), NULL);
}

gboolean
rsb_replay_bar_locate (RsbReplayBar *self,
                       double       *lat,
                       double       *lon)
{
  g_return_val_if_fail (RSB_IS_REPLAY_BAR (self), FALSE);
  return self->timeline != NULL &&
         rsb_replay_timeline_locate (self->timeline, rsb_replay_bar_get_position (self), lat, lon);
}

/* "12:04", or "12:04 · Paused" where the athlete stood still: at 1×
 * the replay waits there as they did. Set only when the text changes,
 * as it does once a second at most. */
static void
update_elapsed (RsbReplayBar *self)
{
  double position = rsb_replay_bar_get_position (self);
  g_autofree char *clock = NULL;
  g_autofree char *text = NULL;

  if (self->timeline == NULL)
    return;
  clock = rsb_format_clock (position - self->activity->streams->columns[RSB_STREAM_TIME][0]);
  if (self->clock.playing && self->clock.speed <= 1 && rsb_replay_timeline_is_paused (self->timeline, position))
    /* Translators: the replay's elapsed time while the workout was paused, "12:04 · Paused" */
    text = g_strdup_printf (_("%s · Paused"), clock);
  else
    text = g_steal_pointer (&clock);
  if (g_strcmp0 (text, self->elapsed_text) == 0)
    return;
  gtk_inscription_set_text (self->elapsed_label, text);
  g_free (self->elapsed_text);
  self->elapsed_text = g_steal_pointer (&text);
}

static void
update_play_button (RsbReplayBar *self)
{
  gboolean playing = self->clock.playing;

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause the replay (Space)") : _("Replay the workout (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, playing ? _("Pause") : _("Play"),
                                  -1);
}

static void
set_playing (RsbReplayBar *self,
             gboolean      playing);

/* Each frame while playing: the position is read off the frame's time,
 * never added up, so late or dropped frames cannot make it drift. */
static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       data)
{
  RsbReplayBar *self = data;
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  gboolean ended;

  /* Between frames the frame clock's time may be the last frame's,
   * long past: a change made then counts from the first frame after
   * it, so the replay never jumps ahead. */
  if (self->anchor_on_tick)
    {
      self->clock.anchor_us = now;
      self->anchor_on_tick = FALSE;
    }
  ended = rsb_replay_clock_at_end (&self->clock, self->timeline, now);

  self->ticking = TRUE;
  rsb_replay_scrubber_set_position (self->scrubber, rsb_replay_clock_position (&self->clock, self->timeline, now));
  self->ticking = FALSE;
  if (ended)
    {
      self->tick = 0;
      set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
set_playing (RsbReplayBar *self,
             gboolean      playing)
{
  if (self->timeline == NULL || playing == self->clock.playing)
    return;
  if (playing)
    {
      rsb_replay_clock_play (&self->clock, self->timeline, now_us (self));
      self->anchor_on_tick = TRUE;
      /* From the end it starts again: show it at once. */
      self->ticking = TRUE;
      rsb_replay_scrubber_set_position (self->scrubber, self->clock.anchor_position);
      self->ticking = FALSE;
      if (self->tick == 0)
        self->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, self, NULL);
    }
  else
    {
      rsb_replay_clock_pause (&self->clock, self->timeline, now_us (self));
      if (self->tick != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick);
      self->tick = 0;
    }
  update_play_button (self);
  update_elapsed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
rsb_replay_bar_set_playing (RsbReplayBar *self,
                            gboolean      playing)
{
  g_return_if_fail (RSB_IS_REPLAY_BAR (self));
  set_playing (self, playing);
}

void
rsb_replay_bar_set_position (RsbReplayBar *self,
                             double        position)
{
  g_return_if_fail (RSB_IS_REPLAY_BAR (self));
  if (self->timeline == NULL)
    return;
  rsb_replay_scrubber_set_position (self->scrubber, position);
}

static guint
speed_index (double speed)
{
  for (guint i = 0; i < RSB_REPLAY_N_SPEEDS; i++)
    if (rsb_replay_speeds[i] >= speed)
      return i;
  return RSB_REPLAY_N_SPEEDS - 1;
}

void
rsb_replay_bar_set_speed (RsbReplayBar *self,
                          double        speed)
{
  g_return_if_fail (RSB_IS_REPLAY_BAR (self));

  speed = rsb_replay_speeds[speed_index (speed)];
  /* Listening along, the songs set the pace: 1× only. */
  if (gtk_toggle_button_get_active (self->listen_button))
    speed = 1;
  if (speed == self->clock.speed)
    return;
  rsb_replay_clock_set_speed (&self->clock, self->timeline, speed, now_us (self));
  self->anchor_on_tick = TRUE;
  gtk_drop_down_set_selected (self->speed_dropdown, speed_index (speed));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

static void
on_speed_selected (RsbReplayBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->speed_dropdown);

  if (selected < RSB_REPLAY_N_SPEEDS)
    rsb_replay_bar_set_speed (self, rsb_replay_speeds[selected]);
}

/* The scrubber moved: by the clock's frame, or by a person (drag,
 * keys), who moves the replay there at once. */
static void
on_scrubber_position (RsbReplayBar *self)
{
  if (!self->ticking && self->timeline != NULL)
    {
      rsb_replay_clock_seek (&self->clock, self->timeline,
                             rsb_replay_scrubber_get_position (self->scrubber), now_us (self));
      self->anchor_on_tick = TRUE;
    }
  update_elapsed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* No player can play along: the switch stays off and says why. */
static void
explain_no_player (RsbReplayBar *self)
{
  GtkWidget *label;

  if (self->listen_popover == NULL)
    {
      self->listen_popover = GTK_POPOVER (gtk_popover_new ());
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_popover_set_child (self->listen_popover, label);
      gtk_widget_set_parent (GTK_WIDGET (self->listen_popover), GTK_WIDGET (self->listen_button));
    }
  label = gtk_popover_get_child (self->listen_popover);
  gtk_label_set_text (GTK_LABEL (label), self->listen_reason ? self->listen_reason : "");
  gtk_popover_popup (self->listen_popover);
}

static void
on_listen_toggled (RsbReplayBar *self)
{
  gboolean listening = gtk_toggle_button_get_active (self->listen_button);

  if (listening && !self->listen_available)
    {
      gtk_toggle_button_set_active (self->listen_button, FALSE);
      explain_no_player (self);
      return;
    }
  if (!listening)
    gtk_widget_set_visible (GTK_WIDGET (self->listen_note), FALSE);

  if (listening)
    rsb_replay_bar_set_speed (self, 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->speed_dropdown), !listening);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTEN_ALONG]);
}

static void
on_follow_toggled (RsbReplayBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
}

static void
fill_speeds (RsbReplayBar *self)
{
  g_autoptr(GtkStringList) speeds = gtk_string_list_new (NULL);

  for (guint i = 0; i < RSB_REPLAY_N_SPEEDS; i++)
    {
      g_autofree char *text = rsb_format_speed_factor (rsb_replay_speeds[i]);

      gtk_string_list_append (speeds, text);
    }
  gtk_drop_down_set_model (self->speed_dropdown, G_LIST_MODEL (speeds));
}

static void
show_replayable (RsbReplayBar *self,
                 gboolean      replayable)
{
  gtk_widget_set_visible (GTK_WIDGET (self->scrubber), replayable);
  gtk_widget_set_visible (self->controls, replayable);
  gtk_widget_set_visible (GTK_WIDGET (self->unavailable_label), !replayable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.toggle", replayable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.seek-by", replayable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.seek-start", replayable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.seek-end", replayable);
}

void
rsb_replay_bar_set_activity (RsbReplayBar      *self,
                             const RsbActivity *activity,
                             GArray            *colours)
{
  g_autofree char *total = NULL;
  double speed;

  g_return_if_fail (RSB_IS_REPLAY_BAR (self));

  set_playing (self, FALSE);
  speed = self->clock.speed;
  g_clear_pointer (&self->timeline, rsb_replay_timeline_free);
  self->activity = activity;
  if (activity != NULL && rsb_activity_info_has_times (activity->info))
    self->timeline = rsb_replay_timeline_new (activity->streams);
  /* A new workout starts at its beginning, at the speed chosen last. */
  rsb_replay_clock_init (&self->clock);
  self->clock.speed = speed;
  show_replayable (self, self->timeline != NULL);
  self->ticking = TRUE;
  rsb_replay_scrubber_set_activity (self->scrubber, self->timeline ? activity : NULL, colours);
  self->ticking = FALSE;
  if (self->timeline == NULL)
    return;
  self->clock.anchor_position = rsb_replay_scrubber_get_position (self->scrubber);
  total = rsb_format_clock (rsb_replay_timeline_duration (self->timeline) - activity->streams->columns[RSB_STREAM_TIME][0]);
  gtk_label_set_text (self->total_label, total);
  g_clear_pointer (&self->elapsed_text, g_free);
  update_elapsed (self);
}

const RsbActivity *
rsb_replay_bar_get_activity (RsbReplayBar *self)
{
  g_return_val_if_fail (RSB_IS_REPLAY_BAR (self), NULL);
  return self->activity;
}

/* What the desktop's players allow: the "Play the songs" switch shows
 * from the first news, says which player it will use or why none can,
 * and while on, why a song could not be played. Plain text all. */
void
rsb_replay_bar_set_listen_state (RsbReplayBar *self,
                                 gboolean      available,
                                 const char   *player,
                                 const char   *reason,
                                 const char   *problem)
{
  g_autofree char *tooltip = NULL;

  g_return_if_fail (RSB_IS_REPLAY_BAR (self));

  self->listen_available = available;
  g_free (self->listen_reason);
  self->listen_reason = g_strdup (reason);
  if (available && player != NULL)
    /* Translators: %s is a music player, "Spotify" */
    tooltip = g_strdup_printf (_("Play the songs in %s as the replay reaches them"), player);
  else if (available)
    tooltip = g_strdup (_("Play the songs in your music player as the replay reaches them"));
  else
    tooltip = g_strdup (reason != NULL ? reason : _("No music player can play along"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->listen_button), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->listen_button), TRUE);
  if (!available && gtk_toggle_button_get_active (self->listen_button))
    {
      gtk_toggle_button_set_active (self->listen_button, FALSE);
      explain_no_player (self);
    }
  gtk_label_set_text (self->listen_note, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->listen_note),
                          problem != NULL && gtk_toggle_button_get_active (self->listen_button));
}

void
rsb_replay_bar_update_songs (RsbReplayBar *self,
                             GArray       *colours)
{
  g_return_if_fail (RSB_IS_REPLAY_BAR (self));
  if (self->timeline != NULL)
    rsb_replay_scrubber_update_songs (self->scrubber, colours);
}

static void
toggle_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RsbReplayBar *self = RSB_REPLAY_BAR (widget);

  set_playing (self, !self->clock.playing);
}

static void
seek_by_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RsbReplayBar *self = RSB_REPLAY_BAR (widget);

  rsb_replay_bar_set_position (self, rsb_replay_bar_get_position (self) + g_variant_get_int32 (parameter));
}

static void
seek_end_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RsbReplayBar *self = RSB_REPLAY_BAR (widget);

  if (self->timeline == NULL)
    return;
  rsb_replay_bar_set_position (self, g_str_equal (action_name, "replay.seek-start")
                                     ? self->activity->streams->columns[RSB_STREAM_TIME][0]
                                     : rsb_replay_timeline_duration (self->timeline));
}

static void
rsb_replay_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RsbReplayBar *self = RSB_REPLAY_BAR (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_double (value, rsb_replay_bar_get_position (self));
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->clock.playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->clock.speed);
      break;
    case PROP_FOLLOW:
      g_value_set_boolean (value, gtk_toggle_button_get_active (self->follow_button));
      break;
    case PROP_LISTEN_ALONG:
      g_value_set_boolean (value, gtk_toggle_button_get_active (self->listen_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_replay_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RsbReplayBar *self = RSB_REPLAY_BAR (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      rsb_replay_bar_set_position (self, g_value_get_double (value));
      break;
    case PROP_PLAYING:
      set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      rsb_replay_bar_set_speed (self, g_value_get_double (value));
      break;
    case PROP_FOLLOW:
      gtk_toggle_button_set_active (self->follow_button, g_value_get_boolean (value));
      break;
    case PROP_LISTEN_ALONG:
      gtk_toggle_button_set_active (self->listen_button, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rsb_replay_bar_dispose (GObject *object)
{
  RsbReplayBar *self = RSB_REPLAY_BAR (object);

  if (self->tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick);
  self->tick = 0;
  g_clear_pointer ((GtkWidget **) &self->listen_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), RSB_TYPE_REPLAY_BAR);
  G_OBJECT_CLASS (rsb_replay_bar_parent_class)->dispose (object);
}

static void
rsb_replay_bar_finalize (GObject *object)
{
  RsbReplayBar *self = RSB_REPLAY_BAR (object);

  g_clear_pointer (&self->timeline, rsb_replay_timeline_free);
  g_free (self->elapsed_text);
  g_free (self->listen_reason);
  G_OBJECT_CLASS (rsb_replay_bar_parent_class)->finalize (object);
}

static void
add_key (GtkWidgetClass  *widget_class,
         guint            keyval,
         GdkModifierType  modifiers,
         const char      *action,
         int              seconds)
{
  if (seconds != 0)
    gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action, "i", seconds);
  else
    gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action, NULL);
}

static void
rsb_replay_bar_class_init (RsbReplayBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rsb_replay_bar_get_property;
  object_class->set_property = rsb_replay_bar_set_property;
  object_class->dispose = rsb_replay_bar_dispose;
  object_class->finalize = rsb_replay_bar_finalize;

  /* Seconds on the workout's clock where the replay stands. */
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 1, 1000, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Keep the replay in view: the map follows it (rsb-route-map.c). */
  properties[PROP_FOLLOW] =
    g_param_spec_boolean ("follow", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Ask the desktop's music player to play each song as the replay
   * reaches it. */
  properties[PROP_LISTEN_ALONG] =
    g_param_spec_boolean ("listen-along", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/runsousbpm/RunSousBpm/rsb-replay-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, box);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, scrubber);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, controls);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, total_label);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, follow_button);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, listen_button);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, RsbReplayBar, listen_note);

  gtk_widget_class_install_action (widget_class, "replay.toggle", NULL, toggle_activated);
  gtk_widget_class_install_action (widget_class, "replay.seek-by", "i", seek_by_activated);
  gtk_widget_class_install_action (widget_class, "replay.seek-start", NULL, seek_end_activated);
  gtk_widget_class_install_action (widget_class, "replay.seek-end", NULL, seek_end_activated);
  add_key (widget_class, GDK_KEY_space, 0, "replay.toggle", 0);
  add_key (widget_class, GDK_KEY_Left, 0, "replay.seek-by", -SMALL_STEP_S);
  add_key (widget_class, GDK_KEY_Right, 0, "replay.seek-by", SMALL_STEP_S);
  add_key (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "replay.seek-by", -LARGE_STEP_S);
  add_key (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "replay.seek-by", LARGE_STEP_S);
  add_key (widget_class, GDK_KEY_Home, 0, "replay.seek-start", 0);
  add_key (widget_class, GDK_KEY_End, 0, "replay.seek-end", 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "replaybar");
}

static void
rsb_replay_bar_init (RsbReplayBar *self)
{
  g_type_ensure (RSB_TYPE_REPLAY_SCRUBBER);
  gtk_widget_init_template (GTK_WIDGET (self));
  rsb_replay_clock_init (&self->clock);
  fill_speeds (self);
  gtk_toggle_button_set_active (self->follow_button, TRUE);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected", G_CALLBACK (on_speed_selected), self);
  g_signal_connect_swapped (self->scrubber, "notify::position", G_CALLBACK (on_scrubber_position), self);
  g_signal_connect_swapped (self->listen_button, "toggled", G_CALLBACK (on_listen_toggled), self);
  g_signal_connect_swapped (self->follow_button, "toggled", G_CALLBACK (on_follow_toggled), self);
  show_replayable (self, FALSE);
  update_play_button (self);
}
