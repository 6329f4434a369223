/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-track-match.c: folding titles and artists so that a file's tags
 * and a streaming service's names of one recording compare equal. */
#include "config.h"

#include <string.h>

#include "rsb-track-match.h"

/* Words in a bracket or after " - " that name an edition of the same
 * recording, not another one. */
#define EDITION_WORDS \
  "feat|ft|featuring|with|remaster\\w*|version|edit|mono|stereo|deluxe|bonus|anniversary|single|radio"

/* NFKD, marks dropped, case-folded: "Héroes" and "HEROES" meet. */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  if (decomposed == NULL)   /* not UTF-8: compare nothing rather than garbage */
    return g_strdup ("");
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

/* The patterns below, compiled once for the process: a library's
 * thousands of titles are folded at each scan. GRegex is immutable once
 * compiled, so the worker threads may share them. */
enum { EDITION_BRACKET, EDITION_SUFFIX, GUEST, OTHER_ARTISTS, N_PATTERNS };

static GRegex *
pattern (guint which)
{
  static GRegex *compiled[N_PATTERNS];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* "(feat. X)", "[2011 Remaster]", "(Radio Edit)" */
      compiled[EDITION_BRACKET] = g_regex_new ("\\s*[([][^)\\]]*\\b(" EDITION_WORDS ")\\b[^)\\]]*[)\\]]",
                                               G_REGEX_OPTIMIZE, 0, NULL);
      /* " - Remastered 2011", " - Single Version" */
      compiled[EDITION_SUFFIX] = g_regex_new ("\\s+-\\s+[^-]*\\b(" EDITION_WORDS ")\\b.*$", G_REGEX_OPTIMIZE, 0, NULL);
      /* "Song feat. X" */
      compiled[GUEST] = g_regex_new ("\\s+(feat|ft|featuring)\\b.*$", G_REGEX_OPTIMIZE, 0, NULL);
      /* "A, B", "A; B", "A/B", "A feat. B" */
      compiled[OTHER_ARTISTS] = g_regex_new ("\\s*(,|;|/|\\bfeat\\b|\\bft\\b|\\bfeaturing\\b).*$",
                                             G_REGEX_OPTIMIZE, 0, NULL);
      for (guint i = 0; i < N_PATTERNS; i++)
        g_assert (compiled[i] != NULL);
      g_once_init_leave (&done, 1);
    }
  return compiled[which];
}

static char *
replace (guint       which,
         const char *text)
{
  return g_regex_replace_literal (pattern (which), text, -1, 0, "", 0, NULL);
}

/* "&" reads "and"; apostrophes vanish; anything not a letter or digit separates words;
 * one space between them. */
static char *
words_only (const char *folded)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\'' || c == 0x2019)   /* "Don't" is one word */
        continue;
      if (c == '&')
        {
          g_string_append (out, out->len > 0 ? " and" : "and");
          space = TRUE;
        }
      else if (g_unichar_isalnum (c))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          space = FALSE;
        }
      else
        space = TRUE;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rsb_track_match_title (const char *title)
{
  g_autofree char *folded = fold (title);
  g_autofree char *no_brackets = replace (EDITION_BRACKET, folded);
  g_autofree char *no_suffix = replace (EDITION_SUFFIX, no_brackets);
  g_autofree char *no_guest = replace (GUEST, no_suffix);

  return words_only (no_guest);
}

char *
rsb_track_match_artist (const char *artists)
{
  g_autofree char *folded = fold (artists);
  g_autofree char *first = replace (OTHER_ARTISTS, folded);

  return words_only (first);
}

char *
rsb_track_match_key (const char *artists,
                     const char *title)
{
  g_autofree char *t = rsb_track_match_title (title);
  g_autofree char *a = rsb_track_match_artist (artists);

  if (*t == '\0')
    return NULL;
  /* A unit separator cannot occur in either folded part. */
  return g_strconcat (a, "\x1f", t, NULL);
}

char *
rsb_track_match_isrc (const char *isrc)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (isrc == NULL)
    return NULL;
  for (const char *p = isrc; *p != '\0'; p++)
    {
      if (*p == '-' || *p == ' ')
        continue;
      if (!g_ascii_isalnum (*p))
        return NULL;
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  if (out->len != 12)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
rsb_track_match_durations (gint64 a_ms,
                           gint64 b_ms)
{
  if (a_ms <= 0 || b_ms <= 0)
    return TRUE;
  return ABS (a_ms - b_ms) <= RSB_TRACK_MATCH_DURATION_MS;
}
