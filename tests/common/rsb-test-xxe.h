/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rsb-test-workout.h"

G_BEGIN_DECLS

/* An XML workout format, as the external-entity checks need it. */
typedef struct {
  const char           *root;          /* the document element */
  const char           *display_name;
  RsbTestWorkoutReader  read;
  /* One point, with reference wherever the format keeps a name. */
  char               *(*document) (const char *doctype,
                                   const char *reference);
} RsbTestXmlFormat;

/* Reads documents of the format whose DOCTYPE points at a secret file
 * and at a loopback server in every way libxml2 knows (external entity,
 * external DTD, parameter entity): each is refused or read without the
 * secret, and the server is never asked. */
void rsb_test_assert_external_entities_ignored (const RsbTestXmlFormat *format);

G_END_DECLS
