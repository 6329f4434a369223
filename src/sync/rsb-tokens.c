/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-tokens.c: the tokens a sign-in leaves. */
#include "config.h"

#include "rsb-tokens.h"

void
rsb_tokens_free (RsbTokens *tokens)
{
  if (tokens == NULL)
    return;
  g_free (tokens->access_token);
  g_free (tokens->refresh_token);
  g_free (tokens->account_id);
  g_free (tokens->display_name);
  g_free (tokens->scope);
  g_free (tokens);
}

RsbTokens *
rsb_tokens_copy (const RsbTokens *tokens)
{
  RsbTokens *copy;

  if (tokens == NULL)
    return NULL;
  copy = g_new0 (RsbTokens, 1);
  copy->access_token = g_strdup (tokens->access_token);
  copy->refresh_token = g_strdup (tokens->refresh_token);
  copy->expires_at_ms = tokens->expires_at_ms;
  copy->account_id = g_strdup (tokens->account_id);
  copy->display_name = g_strdup (tokens->display_name);
  copy->scope = g_strdup (tokens->scope);
  return copy;
}

gboolean
rsb_tokens_expire_soon (const RsbTokens *tokens,
                        gint64           now_ms,
                        gint64           margin_ms)
{
  return tokens->access_token == NULL || *tokens->access_token == '\0' ||
         tokens->expires_at_ms - now_ms < margin_ms;
}
