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

static char *
replace (const char *pattern,
         const char *text,
         const char *with)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);

  g_assert (regex != NULL);
  return g_regex_replace (regex, text, -1, 0, with, 0, NULL);
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
  /* "(feat. X)", "[2011 Remaster]", "(Radio Edit)" */
  g_autofree char *no_brackets = replace ("\\s*[([][^)\\]]*\\b(" EDITION_WORDS ")\\b[^)\\]]*[)\\]]",
                                          folded, "");
  /* " - Remastered 2011", " - Single Version" */
  g_autofree char *no_suffix = replace ("\\s+-\\s+[^-]*\\b(" EDITION_WORDS ")\\b.*$", no_brackets, "");
  /* "Song feat. X" */
  g_autofree char *no_guest = replace ("\\s+(feat|ft|featuring)\\b.*$", no_suffix, "");

  return words_only (no_guest);
}

char *
rsb_track_match_artist (const char *artists)
{
  g_autofree char *folded = fold (artists);
  g_autofree char *first = replace ("\\s*(,|;|/|\\bfeat\\b|\\bft\\b|\\bfeaturing\\b).*$", folded, "");

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
