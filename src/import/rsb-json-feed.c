/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-json-feed.c: a stream fed to a yajl parser in chunks, errors named by line. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rsb-json-feed.h"

#include "rsb-import-error.h"

#define CHUNK_SIZE (64 * 1024)
#define MAX_QUOTED_CHARS 40

char *
rsb_json_quote (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (valid, -1) <= MAX_QUOTED_CHARS)
    return g_steal_pointer (&valid);
  head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);
  return g_strconcat (head, "…", NULL);
}

/* yajl's message without its "parse error: " prefix. */
static char *
error_detail (yajl_handle handle)
{
  unsigned char *message = yajl_get_error (handle, 0, NULL, 0);
  const char *text = (const char *) message;
  const char *colon = strstr (text, "error: ");
  char *detail;

  if (colon != NULL)
    text = colon + strlen ("error: ");
  detail = g_strstrip (g_strdup (text));
  yajl_free_error (handle, message);
  return detail;
}

static guint
count_lines (const guint8 *data,
             gsize         len)
{
  guint n = 0;
  const guint8 *end = data + len;

  while ((data = memchr (data, '\n', end - data)) != NULL)
    {
      n++;
      data++;
    }
  return n;
}

static gboolean
check (yajl_handle    handle,
       yajl_status    status,
       const char    *display_name,
       guint          line,
       gboolean       at_eof,
       GError       **callback_error,
       GError       **error)
{
  g_autofree char *detail = NULL;

  if (status == yajl_status_ok)
    return TRUE;
  if (status == yajl_status_client_canceled && callback_error != NULL && *callback_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (callback_error));
      return FALSE;
    }
  detail = error_detail (handle);
  if (at_eof && strcmp (detail, "premature EOF") == 0)
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged: it ends early (line %u)"), display_name, line);
  else
    /* Translators: the last %s is the JSON parser's own (English) words. */
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                 _("“%s” is damaged at line %u: %s"), display_name, line, detail);
  return FALSE;
}

static gboolean
read_chunk (GInputStream  *stream,
            guint8        *buffer,
            gssize        *n_read,
            const char    *display_name,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *n_read = 0;
  if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    *n_read = g_input_stream_read (stream, buffer, CHUNK_SIZE, cancellable, &local_error);
  if (local_error == NULL)
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CANCELLED,
                 _("Reading “%s” was cancelled"), display_name);
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _("Could not read “%s”: "), display_name);
  return FALSE;
}

gboolean
rsb_json_feed (yajl_handle    handle,
               GInputStream  *stream,
               const char    *display_name,
               GError       **callback_error,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  guint64 total = 0;
  guint line = 1;
  gssize n_read;

  for (;;)
    {
      yajl_status status;

      if (!read_chunk (stream, buffer, &n_read, display_name, cancellable, error))
        return FALSE;
      if (n_read == 0)
        break;
      status = yajl_parse (handle, buffer, n_read);
      if (status != yajl_status_ok)
        return check (handle, status, display_name,
                      line + count_lines (buffer, yajl_get_bytes_consumed (handle)),
                      FALSE, callback_error, error);
      line += count_lines (buffer, n_read);
      total += n_read;
    }
  if (total == 0)
    {
      g_set_error (error, RSB_IMPORT_ERROR, RSB_IMPORT_ERROR_CORRUPT,
                   _("“%s” is empty"), display_name);
      return FALSE;
    }
  return check (handle, yajl_complete_parse (handle), display_name, line, TRUE,
                callback_error, error);
}
