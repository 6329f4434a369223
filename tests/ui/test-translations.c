/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window in another language, as a German or Spanish speaker sees
 * it: under LANGUAGE=de or es (set by meson, one run per language) the
 * main window with a song on the card, Preferences, the keyboard
 * shortcuts, and an import's summary and Details show no English from the app's catalogue. Each
 * text shown is compared with the catalogue's English: equal to a
 * message (or to a message with its %s filled in) whose translation
 * differs, it was left untranslated. Words a language keeps as they
 * are ("Pace" in German) must be listed here, so no identical
 * translation passes unnoticed; user data (song titles, file names)
 * is not in the catalogue and passes. Menus must not give two items
 * the same mnemonic. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rsb-locale.h"
#include "rsb-preferences-window.h"
#include "rsb-sample.h"
#include "rsb-test-dir.h"
#include "rsb-test-ui.h"
#include "rsb-test-window.h"
#include "rsb-window-private.h"

/* What a translation may keep as in English, per language: brand names,
 * units and the words runners use unchanged. */
static const char * const same_in_de[] = {
  "Run Sous BPM", "OpenStreetMap", "Spotify", "Strava", "km", "m", "/km", "km/h", "h:mm",
  "Spotify Developer Dashboard", "Pace", "Song", "Songs", "Details", "Training", "Tempo (BPM)",
  "Tempo", "Playlist", "BPM", "spm", NULL,
};
static const char * const same_in_es[] = {
  "Run Sous BPM", "OpenStreetMap", "Spotify", "Strava", "km", "m", "/km", "km/h", "h:mm",
  "General", "Tempo (BPM)", "Tempo", "BPM", "rpm", NULL,
};

/* User data in the sample that reads like a message filled in: the
 * sample's artist "Cadence Collective" matches the chart's "Cadence %s". */
static const char * const sample_user_data[] = { "Cadence Collective", NULL };

typedef struct {
  char      *english;      /* a msgid or msgid_plural, mnemonic removed */
  GRegex    *filled;       /* the same with its conversions filled in, or NULL */
  gboolean   translated;   /* msgfmt compiles a translation of it */
  gboolean   same;         /* and the translation is the English again */
} Message;

typedef struct {
  const char         *language;
  const char * const *same;
  GPtrArray          *messages;      /* of Message */
  GHashTable         *translations;  /* every msgstr shown, mnemonic removed */
  GHashTable         *english_of;    /* msgstr to its msgids, as written, one a line */
} Catalogue;

static Catalogue catalogue;

/* As a label shows it: "_Import Files…" reads "Import Files…". */
static char *
without_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean done = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_' && !done && g_ascii_isalnum (p[1]))
        {
          done = TRUE;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "“%s” is empty" as a pattern matching "“x.gpx” is empty", or NULL
 * when too little of it is words to tell English from user data
 * ("%s, %s", "%s: %s"). */
static GRegex *
filled_pattern (const char *english)
{
  g_autoptr(GRegex) conversion = g_regex_new ("%(?:[0-9]+\\$)?[-+ #0']*[0-9*]*(?:\\.[0-9*]+)?"
                                              "(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcsp]", 0, 0, NULL);
  g_auto(GStrv) literals = NULL;
  g_autoptr(GString) pattern = g_string_new ("^");
  guint letters = 0;

  if (strchr (english, '%') == NULL)
    return NULL;
  literals = g_regex_split (conversion, english, 0);
  for (guint i = 0; literals[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      g_autofree char *text = NULL;
      GString *unpercent = g_string_new (NULL);

      for (const char *p = literals[i]; *p; p++)
        {
          if (*p == '%' && p[1] == '%')
            p++;
          if (g_ascii_isalpha (*p))
            letters++;
          g_string_append_c (unpercent, *p);
        }
      text = g_string_free (unpercent, FALSE);
      escaped = g_regex_escape_string (text, -1);
      if (i > 0)
        g_string_append (pattern, "(.+)");
      g_string_append (pattern, escaped);
    }
  g_string_append_c (pattern, '$');
  return letters >= 4 ? g_regex_new (pattern->str, G_REGEX_DOTALL, 0, NULL) : NULL;
}

static void
add_message (const char *english,
             gboolean    translated,
             gboolean    same)
{
  Message *message = g_new0 (Message, 1);

  message->english = without_mnemonic (english);
  message->filled = filled_pattern (message->english);
  message->translated = translated;
  message->same = same;
  g_ptr_array_add (catalogue.messages, message);
}

typedef struct {
  GString   *id;
  GString   *id_plural;
  GPtrArray *strs;       /* of GString */
  GString   *current;
  gboolean   fuzzy;
} Entry;

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

static void
entry_finish (Entry *entry)
{
  gboolean translated = !entry->fuzzy && entry->strs->len > 0;
  gboolean same = FALSE;

  for (guint i = 0; i < entry->strs->len; i++)
    {
      GString *str = g_ptr_array_index (entry->strs, i);

      translated = translated && str->len > 0;
      same = same || g_strcmp0 (str->str, entry->id->str) == 0 ||
             (entry->id_plural != NULL && g_strcmp0 (str->str, entry->id_plural->str) == 0);
    }
  if (entry->id != NULL && entry->id->len > 0)
    {
      add_message (entry->id->str, translated, same);
      if (entry->id_plural != NULL)
        add_message (entry->id_plural->str, translated, same);
      for (guint i = 0; translated && !same && i < entry->strs->len; i++)
        {
          const char *str = ((GString *) g_ptr_array_index (entry->strs, i))->str;

          const char *before = g_hash_table_lookup (catalogue.english_of, str);

          g_hash_table_add (catalogue.translations, without_mnemonic (str));
          g_hash_table_insert (catalogue.english_of, g_strdup (str),
                               before != NULL ? g_strconcat (before, "\n", entry->id->str, NULL)
                                              : g_strdup (entry->id->str));
        }
    }
  if (entry->id != NULL)
    g_string_free (entry->id, TRUE);
  if (entry->id_plural != NULL)
    g_string_free (entry->id_plural, TRUE);
  g_ptr_array_set_size (entry->strs, 0);
  entry->id = entry->id_plural = entry->current = NULL;
  entry->fuzzy = FALSE;
}

/* The C string a .po line quotes: "a \"b\"\n" is a "b" and a newline. */
static char *
po_string (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *quoted = NULL;

  g_assert_nonnull (start);
  g_assert_true (end > start);
  quoted = g_strndup (start + 1, end - start - 1);
  return g_strcompress (quoted);
}

/* po/<language>.po, as the translators wrote it (fuzzy entries do not
 * count: msgfmt leaves them out). */
static void
catalogue_load (const char *language)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.po", g_getenv ("RSB_PO_DIR"), language);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  Entry entry = { NULL, NULL, g_ptr_array_new_with_free_func (string_free), NULL, FALSE };
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  catalogue.language = language;
  catalogue.same = g_str_equal (language, "de") ? same_in_de : same_in_es;
  catalogue.messages = g_ptr_array_new ();
  catalogue.translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catalogue.english_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *text = line[0] == '"' || g_str_has_prefix (line, "msg") ? po_string (line) : NULL;

      if (line[0] == '\0')
        entry_finish (&entry);
      else if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        entry.fuzzy = TRUE;
      else if (g_str_has_prefix (line, "msgid_plural "))
        entry.current = entry.id_plural = g_string_new (text);
      else if (g_str_has_prefix (line, "msgid "))
        entry.current = entry.id = g_string_new (text);
      else if (g_str_has_prefix (line, "msgstr"))
        g_ptr_array_add (entry.strs, entry.current = g_string_new (text));
      else if (g_str_has_prefix (line, "msgctxt "))
        entry.current = NULL;
      else if (line[0] == '"' && entry.current != NULL)
        g_string_append (entry.current, text);
    }
  entry_finish (&entry);
  g_ptr_array_unref (entry.strs);
  g_assert_cmpuint (catalogue.messages->len, >, 500);
}

/* Why text shows English the catalogue translates, or NULL. */
static char *
english_in (const char *text)
{
  if (g_hash_table_contains (catalogue.translations, text) || g_strv_contains (sample_user_data, text))
    return NULL;
  for (guint i = 0; i < catalogue.messages->len; i++)
    {
      Message *message = g_ptr_array_index (catalogue.messages, i);

      if (g_str_equal (text, message->english))
        {
          if (!message->translated)
            return g_strdup_printf ("“%s” has no translation", text);
          if (!message->same)
            return g_strdup_printf ("“%s” is shown untranslated", text);
          if (!g_strv_contains (catalogue.same, text))
            return g_strdup_printf ("“%s” is translated as the same English: list it in same_in_%s "
                                    "if that is right", text, catalogue.language);
          continue;
        }
      if (!message->same && message->filled != NULL && g_regex_match (message->filled, text, 0, NULL))
        return g_strdup_printf ("“%s” is the untranslated “%s”", text, message->english);
    }
  return NULL;
}

/* Whole, each line and each sentence: a dialog's body joins messages. */
static void
assert_translated (const char *text,
                   const char *where)
{
  g_autoptr(GRegex) sentence_end = g_regex_new ("(?<=[.!?…])\\s+|\\n+", 0, 0, NULL);
  g_auto(GStrv) parts = NULL;
  g_autofree char *why = NULL;

  if (text == NULL || *text == '\0')
    return;
  g_test_message ("%s: %s", where, text);
  why = english_in (text);
  parts = g_regex_split (sentence_end, text, 0);
  for (guint i = 0; why == NULL && parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      why = english_in (parts[i]);
  if (why != NULL)
    g_error ("%s (in %s, LANGUAGE=%s)", why, where, catalogue.language);
}

/* The letter after the underscore, lower case, or 0. */
static gunichar
mnemonic_of (const char *label)
{
  const char *mark = label != NULL ? strchr (label, '_') : NULL;

  return mark != NULL && mark[1] != '\0' ? g_unichar_tolower (g_utf8_get_char (mark + 1)) : 0;
}

/* Whether the English gives both labels one mnemonic already (“_Details”
 * and “_Distance”): not the translation's doing. */
static gboolean
same_mnemonic_in_english (const char *label,
                          const char *other)
{
  g_auto(GStrv) english = g_strsplit (g_hash_table_lookup (catalogue.english_of, label) ?: "", "\n", -1);
  g_auto(GStrv) other_english = g_strsplit (g_hash_table_lookup (catalogue.english_of, other) ?: "", "\n", -1);

  for (guint i = 0; english[i] != NULL; i++)
    for (guint j = 0; other_english[j] != NULL; j++)
      if (mnemonic_of (english[i]) != 0 && mnemonic_of (english[i]) == mnemonic_of (other_english[j]))
        return TRUE;
  return FALSE;
}

/* One key for one label: the same label twice (Connect in each
 * account's group) is the design, two labels on one key the
 * translation's doing. mnemonics maps keys to labels. */
static void
assert_mnemonic_free (GHashTable *mnemonics,
                      guint       key,
                      const char *label,
                      const char *where)
{
  const char *before = g_hash_table_lookup (mnemonics, GUINT_TO_POINTER (key));

  if (before != NULL && !g_str_equal (before, label) && !same_mnemonic_in_english (before, label))
    g_error ("“%s” and “%s” have the same mnemonic (in %s, LANGUAGE=%s)", before, label, where,
             catalogue.language);
  g_hash_table_insert (mnemonics, GUINT_TO_POINTER (key), g_strdup (label));
}

static void
assert_menu_translated (GMenuModel *menu,
                        const char *where);

/* Every item's label, and in one menu (its sections included, not its
 * submenus) no two items with the same mnemonic. */
static void
assert_menu_items (GMenuModel *menu,
                   GHashTable *mnemonics,
                   const char *where)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      const char *link;
      GMenuModel *linked;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          g_autofree char *shown = without_mnemonic (label);

          assert_translated (shown, where);
          if (mnemonic_of (label) != 0)
            assert_mnemonic_free (mnemonics, mnemonic_of (label), label, where);
        }
      while (g_menu_link_iter_get_next (links, &link, &linked))
        {
          if (g_str_equal (link, G_MENU_LINK_SECTION))
            assert_menu_items (linked, mnemonics, where);
          else
            assert_menu_translated (linked, where);
          g_object_unref (linked);
        }
    }
}

static void
assert_menu_translated (GMenuModel *menu,
                        const char *where)
{
  g_autoptr(GHashTable) mnemonics = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  if (menu != NULL)
    assert_menu_items (menu, mnemonics, where);
}

/* Mnemonics a person can press at once: mapped labels of one window. */
static void
note_mnemonic (GtkLabel   *label,
               GHashTable *mnemonics,
               const char *where)
{
  guint key = gtk_label_get_mnemonic_keyval (label);

  if (key != GDK_KEY_VoidSymbol && gtk_widget_get_mapped (GTK_WIDGET (label)))
    assert_mnemonic_free (mnemonics, key, gtk_label_get_label (label), where);
}

/* The text a person can see or hear on this widget and under it. */
static void
assert_tree_translated (GtkWidget  *widget,
                        GHashTable *mnemonics,
                        const char *where)
{
  assert_translated (gtk_widget_get_tooltip_text (widget), where);
  if (GTK_IS_LABEL (widget))
    {
      assert_translated (gtk_label_get_text (GTK_LABEL (widget)), where);
      note_mnemonic (GTK_LABEL (widget), mnemonics, where);
    }
  if (GTK_IS_WINDOW (widget))
    assert_translated (gtk_window_get_title (GTK_WINDOW (widget)), where);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "placeholder-text") != NULL)
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      assert_translated (placeholder, where);
    }
  /* Menus are made when they first open (rsb-deferred-menu.c): opened
   * and closed, their models say what they show. */
  if (GTK_IS_MENU_BUTTON (widget))
    {
      if (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) == NULL &&
          gtk_widget_get_mapped (widget))
        {
          gtk_menu_button_popup (GTK_MENU_BUTTON (widget));
          gtk_menu_button_popdown (GTK_MENU_BUTTON (widget));
        }
      assert_menu_translated (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), where);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && !GTK_IS_POPOVER (child))
      assert_tree_translated (child, mnemonics, where);
}

static void
assert_window_translated (GtkWidget  *window,
                          const char *where)
{
  g_autoptr(GHashTable) mnemonics = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  assert_tree_translated (window, mnemonics, where);
}

/* The catalogue is in use: without it every check above would pass on
 * an English window. */
static void
test_catalogue_loaded (void)
{
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, catalogue.language);
  g_assert_cmpstr (_("Activities"), !=, "Activities");
  g_assert_true (g_hash_table_contains (catalogue.translations, _("Which Song Was Playing?")));
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u song", "%u songs", 3), !=, "%u songs");
}

static void
wait_for (GtkWidget *widget,
          gboolean (*ready) (GtkWidget *widget))
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!ready (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (ready (widget));
  rsb_test_wait_ms (300);
}

static gboolean
shows_activity (GtkWidget *window)
{
  return gtk_widget_get_mapped (window) &&
         rsb_activity_view_get_activity (rsb_window_get_activity_view (RSB_WINDOW (window))) != NULL;
}

/* The first label shown under widget whose text holds needle, or NULL. */
static const char *
label_with (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = gtk_widget_get_visible (child) ? label_with (child, needle) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The workout's date reads in the locale's words ("18. Okt. 2026",
 * "18 oct 2026"), never C's "Oct". */
static void
assert_local_date (GtkWidget          *window,
                   const RsbActivity *activity)
{
  static const char * const english_months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (activity->info->start_ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *year = g_strdup_printf (" %d", g_date_time_get_year (local));
  g_autofree char *month = g_date_time_format (local, "%b");
  const char *english = english_months[g_date_time_get_month (local) - 1];
  const char *shown = label_with (window, year);

  g_assert_nonnull (shown);
  g_test_message ("date shown: %s", shown);
  g_assert_cmpstr (month, !=, english);
  g_assert_nonnull (strstr (shown, month));
  g_assert_null (strstr (shown, english));
}

/* The sample run with a song on the card, the list, the chart, and the
 * Songs page. */
static void
test_main_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsbStore) store = rsb_sample_open_store (&error);
  RsbWindow *window;
  RsbActivityView *view;

  g_assert_no_error (error);
  window = rsb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (GTK_WIDGET (window), shows_activity);
  view = rsb_window_get_activity_view (window);

  rsb_activity_view_select (view, 1);
  rsb_test_wait_ms (300);
  g_assert_cmpint (rsb_activity_view_get_selected (view), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (rsb_activity_view_get_card (view))));
  assert_window_translated (GTK_WIDGET (window), "the main window with a song selected");
  assert_local_date (GTK_WIDGET (window), rsb_activity_view_get_activity (view));
  rsb_test_window_close (window);
}

/* Every page of Preferences, the accounts not set up. */
static void
test_preferences (void)
{
  g_autofree char *dir = rsb_test_dir_new ("translations-preferences");
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(RsbSyncScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  RsbPreferencesWindow *preferences;

  g_setenv ("RSB_DATA_DIR", dir, TRUE);
  scheduler = rsb_sync_scheduler_new (path);
  preferences = rsb_preferences_window_new (NULL, scheduler, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (preferences));
  rsb_test_wait_ms (500);
  assert_window_translated (GTK_WIDGET (preferences), "Preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));
  rsb_test_wait_ms (50);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

/* The keyboard shortcuts window, as Ctrl+? shows it. */
static void
test_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/runsousbpm/RunSousBpm/gtk/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_nonnull (shortcuts);
  gtk_window_present (shortcuts);
  rsb_test_wait_ms (300);
  assert_window_translated (GTK_WIDGET (shortcuts), "the keyboard shortcuts");
  gtk_window_destroy (shortcuts);
}

static void
put_file (const char *dir,
          const char *name,
          const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* The welcome page, then a workout, a listening history and a file
 * that is neither: the summary toast and its Details. */
static void
test_import_summary (void)
{
  g_autofree char *dir = rsb_test_dir_new ("translations-import");
  g_autofree char *files = g_build_filename (dir, "files", NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  const char *samples[] = { "sample-run.gpx", "Streaming_History_Audio_Sample.json" };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  RsbWindow *window;
  GtkWidget *toast;
  GtkButton *details;
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir (files, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *from = g_build_filename (g_getenv ("RSB_SAMPLE_DIR"), samples[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (from, &contents, NULL, NULL));
      put_file (files, samples[i], contents);
    }
  put_file (files, "broken.fit", "This is not a FIT file.");
  window = rsb_test_window_new_library (dir, 1280, 800);
  assert_window_translated (GTK_WIDGET (window), "the welcome page");

  g_ptr_array_add (list, g_file_new_for_path (files));
  rsb_window_import_files (window, list);
  while (rsb_window_is_importing (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rsb_window_is_importing (window));
  rsb_test_wait_ms (500);

  toast = rsb_test_shown_toast (GTK_WIDGET (window->toast_overlay));
  assert_translated (rsb_test_toast_title (toast), "the import summary");
  assert_window_translated (GTK_WIDGET (window), "the window after an import");
  details = rsb_test_toast_button (toast);
  g_assert_nonnull (details);
  g_signal_emit_by_name (details, "clicked");
  rsb_test_wait_ms (300);
  dialog = rsb_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* It names the file skipped: what it says about it is translated. */
  g_assert_nonnull (strstr (gtk_label_get_text (rsb_test_message_details (ADW_MESSAGE_DIALOG (dialog))),
                            "broken.fit"));
  assert_window_translated (GTK_WIDGET (dialog), "the import's Details");
  gtk_window_destroy (dialog);
  rsb_test_window_close (window);
  rsb_test_dir_remove (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("LANGUAGE");

  gtk_test_init (&argc, &argv, NULL);
  /* As main.c does (gtk_test_init set an English locale). */
  rsb_locale_init ();
  adw_init ();
  g_assert_nonnull (language);
  catalogue_load (language);

  g_test_add_func ("/translations/catalogue-loaded", test_catalogue_loaded);
  g_test_add_func ("/translations/main-window", test_main_window);
  g_test_add_func ("/translations/preferences", test_preferences);
  g_test_add_func ("/translations/shortcuts", test_shortcuts);
  g_test_add_func ("/translations/import-summary", test_import_summary);
  return g_test_run ();
}
