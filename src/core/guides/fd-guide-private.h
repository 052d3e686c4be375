/* fd-guide-private.h: shared internals of the guides area (not installed API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-guide-test.h"

#include <gio/gio.h>

#include "fd-guide.h"

G_BEGIN_DECLS

/* A translatable text: the Chinese source and its translations (NULL when
 * missing). */
typedef struct {
  char     *s[FD_N_LANGS];
  gboolean  unverified;     /* status="unverified" on its source element */
} FdText;

const char *fd_text_get   (const FdText *text,
                           FdLang        lang);
void        fd_text_clear (FdText       *text);

/* A tiny read-only XML tree with source positions, built with GMarkup. */
typedef struct _FdXmlNode FdXmlNode;
struct _FdXmlNode {
  const char *name;         /* strings live in the root's chunk */
  const char **attr_names;  /* NULL-terminated */
  const char **attr_values;
  GString    *text;         /* never NULL after parsing */
  int         line;
  int         col;
  GPtrArray  *children;     /* FdXmlNode*, never NULL after parsing */
  FdXmlNode  *parent;
  GStringChunk *chunk;      /* root only */
};

/* The GMarkup front end of the guide parser and of the XML tree: it bounds the number of elements,
 * the attributes of one and the nesting (FD_GUIDE_MAX_*, FD_GUIDE_ERROR_INVALID) before it calls
 * the handler, which reads the position from @context. */
typedef struct {
  void (*start)(gpointer              data,
                GMarkupParseContext  *context,
                const char           *name,
                const char          **names,
                const char          **values,
                GError              **error);
  void (*end)(gpointer              data);
  void (*text)(gpointer              data,
               const char           *text,
               gsize                 length,
               GError              **error);
} FdXmlHandler;

GMarkupParseContext *_fd_xml_context_new (const FdXmlHandler *handler,
                                          gpointer            data,
                                          GMarkupParseFlags   flags);

FdXmlNode  *fd_xml_parse          (const char  *data,
                                   gssize       length,
                                   const char  *filename,
                                   GError     **error);
FdXmlNode  *fd_xml_parse_file     (const char  *path,
                                   GError     **error);
void        fd_xml_node_free      (FdXmlNode   *node);
const char *fd_xml_node_attr      (FdXmlNode   *node,
                                   const char  *name);
/* Element text with whitespace runs collapsed to one space and trimmed. */
char       *fd_xml_node_text      (FdXmlNode   *node);
/* The language of an xml:lang attribute, FALSE when it has none. An
 * xml:lang of a language we do not know sets *unknown. */
gboolean    fd_xml_node_lang      (FdXmlNode   *node,
                                   FdLang      *lang,
                                   gboolean    *unknown);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdXmlNode, fd_xml_node_free)

/* Sets *error (FD_GUIDE_ERROR_INVALID, "PATH:LINE:COL: message" at @node)
 * and returns FALSE from the calling function; @error and @path are the
 * caller's variables. For the small tree files (calendars, hall.xml). */
#define FD_XML_NODE_FAIL(node, ...) \
  G_STMT_START { \
    g_autofree char *m_ = g_strdup_printf (__VA_ARGS__); \
    g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID, "%s:%d:%d: %s", \
                 path, (node)->line, (node)->col, m_); \
    return FALSE; \
  } G_STMT_END

/* Line starts (gsize offsets) of @data, for positions. */
GArray     *_fd_xml_line_starts   (const char  *data,
                                   gsize        length);
/* Moves a GMarkup position (just after a start tag) back to the tag's '<'. */
void        _fd_xml_locate_tag_start (const char *data,
                                      gsize       length,
                                      GArray     *line_starts,
                                      const char *name,
                                      int        *line,
                                      int        *col);

/* "FILE:LINE:COL: " + message */
char       *fd_xml_where          (const char  *filename,
                                   FdXmlNode   *node,
                                   const char  *format,
                                   ...) G_GNUC_PRINTF (3, 4);

/* The guide's fields, shared by fd-guide.c (accessors) and
 * fd-guide-parse.c (reading and checking files). */
struct _FdGuideMaterial {
  FdText          name;
  FdText          note;       /* all NULL when there is no note */
  FdMaterialForm  form;
  guint           quantity;
  gboolean        unverified; /* <material status="unverified"> */
};

typedef struct {
  FdText q;
  FdText a;
} FaqEntry;

typedef struct _FdGuideSearchPart FdGuideSearchPart;

struct _FdGuide
{
  GObject          parent_instance;

  char            *id;
  char            *path;
  FdGuideKind      kind;
  char            *code;
  char            *category;
  FdGuideType      type;
  guint            visits;
  FdExtendedFlags  extended;
  gboolean         translated[FD_N_LANGS];

  FdText           name;
  FdText           department;
  FdText           keywords;
  FdText           description;
  FdText           result;       /* <result>: what the applicant receives */
  FdText           complaint;    /* <complaint>: where to complain */
  GArray          *basis;        /* FdText */
  GArray          *eligibility;  /* FdText */
  GArray          *materials;    /* FdGuideMaterial */
  GArray          *steps;        /* FdText */
  gboolean         has_time_limit;
  gboolean         has_statutory;
  guint            statutory;
  FdDayUnit        statutory_unit;
  guint            promised;
  gboolean         time_limit_unverified;
  gboolean         fee_free;
  gboolean         fee_unverified;
  gboolean         location_unverified;
  GArray          *fees;         /* FdText */
  char           **windows;
  FdText           place;
  char            *online_url;
  FdText           online_channel;
  char            *phone;
  GArray          *faq;          /* FaqEntry */
  char           **matter_refs;

  /* Search fields built by the loading thread, taken by the index. */
  FdGuideSearchPart *search_part;
};

void fd_guide_clear_text_elem (gpointer data);
void fd_guide_clear_material  (gpointer data);
void fd_guide_clear_faq       (gpointer data);

/* Searchable data computed at load time (fd-guide-search.c). */
const FdText *fd_guide_get_name_text     (FdGuide *self);
const FdText *fd_guide_get_keywords_text (FdGuide *self);
const FdText *fd_guide_get_department_text (FdGuide *self);

gboolean    fd_guide_id_is_valid  (const char  *id);
/* Whether the element @name may carry status="unverified"
 * (docs/guide-format.md). */
gboolean    fd_guide_status_allowed (const char *name);
void        fd_guide_compute_translated (FdGuide *self);

/* Bounds on a guide file (hostile input), checked by the parser. */
#define FD_GUIDE_MAX_ELEMENTS   5000
#define FD_GUIDE_MAX_ATTRIBUTES 16             /* per element */
#define FD_GUIDE_MAX_DEPTH      16             /* nesting, counting skipped elements */
#define FD_GUIDE_MAX_TEXT       16384          /* bytes of one text element */
#define FD_GUIDE_MAX_ITEMS      500            /* materials, steps, items... of one list */


/* A hall's own data (fd-hall-folder.c), held by its FdHallSchedule. */
/* A text of hall.xml in each content language: [FD_LANG_ZH_CN] is the
 * attribute itself, the others its "-en"/"-ru" variants or NULL. */
typedef struct {
  char *text[FD_N_LANGS];
} FdHallText;

typedef struct {
  FdHallText  label;        /* label[ZH] may be NULL: a number without label */
  char       *number;
} FdHallPhone;

typedef struct {
  char       *dir;          /* the folder it came from */
  char       *name;         /* the hall's name, or NULL */
  GPtrArray  *phones;       /* FdHallPhone*, in file order */
  GPtrArray  *floors;       /* FdHallText*, in file order */
  GHashTable *window_floor; /* window id → FdHallText* (owned by floors) */
  GHashTable *lists[3];     /* morning, evening, saturday: guide id set, or NULL */
} FdHallInfo;

FdHallInfo *_fd_hall_info_new     (const char  *dir);
/* @text's string in @lang, else the Chinese one. */
const char *_fd_hall_text_get     (const FdHallText *text,
                                   FdLang       lang);

void        fd_hall_info_free     (FdHallInfo  *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdHallInfo, fd_hall_info_free)
/* Takes @info (the last folder read wins). */
void        _fd_hall_schedule_set_hall (gpointer     schedule,
                                        FdHallInfo  *info);

/* Pinyin tables (fd-pinyin.c). */
/* Readings of a code point, comma-separated ASCII ("hang,xing"), or NULL. */
const char *fd_pinyin_readings    (gunichar     c);

G_END_DECLS

G_BEGIN_DECLS



FdSynonyms *fd_synonyms_new_from_file (const char  *path,
                                       GError     **error);
FdSynonyms *fd_synonyms_new_from_data (const char  *data,
                                       gsize        length,
                                       const char  *filename,
                                       GError     **error);
void        fd_synonyms_free          (FdSynonyms  *self);
/* The group of a folded term (NULL-terminated folded terms), or NULL. */
const char * const *fd_synonyms_lookup (FdSynonyms *self,
                                        const char *folded_term);
void        fd_synonyms_foreach_han   (FdSynonyms  *self,
                                       GFunc        func,
                                       gpointer     data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdSynonyms, fd_synonyms_free)


/* A guide's names, keywords and their pinyin, normalised for the index:
 * built on the parsing threads, moved into the index by
 * fd_guide_index_new() (which computes it when absent). */
FdGuideSearchPart *fd_guide_search_part_new  (FdGuide           *guide);
void               fd_guide_search_part_free (FdGuideSearchPart *part);
FdGuideSearchPart *fd_guide_steal_search_part (FdGuide          *guide);

/* fd_search_normalize() (declared in fd-guide-test.h): lowercase, ё → е,
 * tone marks off Latin letters (ü → v), hyphens and dashes as spaces,
 * whitespace collapsed and trimmed. */

G_END_DECLS
