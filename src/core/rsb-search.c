/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-search.c: how the library's search compares text. Substrings,
 * not word prefixes: "2024-03" must find every run of that month. */
#include "rsb-search.h"

#include <string.h>

char *
rsb_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *bare;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);
  /* Decomposed, accents become marks of their own that can be dropped. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (decomposed, -1);
  bare = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_string_free (bare, FALSE);
}

char **
rsb_search_terms (const char *query)
{
  g_autofree char *folded = rsb_search_fold (query);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);
  gboolean any = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      g_strv_builder_add (builder, words[i]);
      any = TRUE;
    }
  return any ? g_strv_builder_end (builder) : NULL;
}

gboolean
rsb_search_matches_all (const char  *folded_haystack,
                        char       **terms)
{
  if (terms == NULL)
    return TRUE;
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (strstr (folded_haystack, terms[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}
