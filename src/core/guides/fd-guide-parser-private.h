/* fd-guide-parser-private.h: the state of the guide parser, shared by its two files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fd-guide-parser.c: GMarkup callbacks, positions, messages, entry points;
 * fd-guide-parser-rules.c: what each element may hold (docs/guide-format.md).
 */
#pragma once

#include "fd-guide-private.h"

G_BEGIN_DECLS

typedef enum {
  E_NONE,
  /* children of the root, in a bit set */
  E_CODE, E_PHONE, E_NAME, E_DEPARTMENT, E_KEYWORDS, E_DESCRIPTION, E_RESULT,
  E_COMPLAINT, E_BASIS,
  E_ELIGIBILITY, E_MATERIALS, E_STEPS, E_TIME_LIMIT, E_FEE, E_LOCATION, E_ONLINE,
  E_FAQ, E_MATTERS,
  E_N_ROOT_CHILDREN,
  /* deeper */
  E_ITEM, E_STEP, E_MATERIAL, E_PLACE, E_CHANNEL, E_Q, E_A, E_MATTER_REF, E_M_NAME, E_M_NOTE,
  E_ROOT,
} Elem;

/* root > materials > material > name is the deepest guide element */
#define MAX_DEPTH 4

typedef struct {
  Elem        elem;
  const char *name;          /* static, or the root's name */
  int         line;          /* GMarkup's position after the start tag */
  int         col;
} Open;

typedef struct {
  /* input and messages */
  const char *filename;
  const char *data;
  gsize       length;
  GArray     *line_starts;   /* built at the first message */
  GPtrArray  *messages;      /* "FILE:L:C: error: ..." or NULL */
  guint       n_errors;
  char       *first_error;   /* "FILE:L:C: ..." */
  int         first_code;    /* FdGuideError of the first error */
  gboolean    has_translations;
  GMarkupParseContext *context;

  FdGuide    *guide;
  Open        stack[MAX_DEPTH + 1];
  int         depth;         /* 0 outside the root */
  int         skip;          /* > 0 inside an element being skipped */
  gboolean    root_done;
  guint32     seen;          /* bit per root child (source elements) */

  /* the text element being read */
  gboolean    in_text;
  char      **target;
  gboolean    is_source;
  GString    *text;

  /* the <material> being read */
  FdGuideMaterial material;
  gboolean    material_has_name;
  gboolean    material_has_note;

  GArray     *qs;            /* FdText, <faq> */
  GArray     *as;
  GPtrArray  *refs;          /* char*, <matters> */
} Parser;

void  _fd_parser_report (Parser     *p,
                         gboolean    is_error,
                         int         code,
                         const Open *at,
                         const char *format,
                         ...) G_GNUC_PRINTF (5, 6);

#define ERROR_AT(p, at, ...) _fd_parser_report ((p), TRUE, FD_GUIDE_ERROR_INVALID, (at), __VA_ARGS__)

gboolean _fd_parser_start_root    (Parser      *p,
                                   const Open  *at,
                                   const char  *name,
                                   const char **names,
                                   const char **values);
gboolean _fd_parser_start_element (Parser      *p,
                                   Open        *at,
                                   const char **names,
                                   const char **values);
void     _fd_parser_end_element   (Parser      *p,
                                   const Open  *at);
void     _fd_parser_finish        (Parser      *p,
                                   const Open  *root);

G_END_DECLS
