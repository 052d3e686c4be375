/* fd-guide.h: one process guide (办事指南): a matter or a theme package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A guide is loaded from one merged XML file (docs/guide-format.md): every
 * translatable element carries its Chinese source text and, as xml:lang
 * siblings, its English and Russian translations. Every text getter takes
 * an explicit FdLang and falls back to the Chinese source when the asked
 * language has no translation; it never goes through process-wide gettext,
 * so the staff screen (UI language) and the applicant screen (content
 * language) can show different languages at the same time.
 *
 * Returned strings are owned by the guide and live as long as it does.
 * An FdGuide is immutable after loading and may be read from any thread.
 */
#pragma once

#include <gio/gio.h>

#include "fd-lang.h"

G_BEGIN_DECLS

#define FD_GUIDE_ERROR (fd_guide_error_quark ())
GQuark fd_guide_error_quark (void);

typedef enum {
  FD_GUIDE_ERROR_PARSE,            /* not well-formed XML */
  FD_GUIDE_ERROR_INVALID,          /* well-formed but breaks docs/guide-format.md */
  FD_GUIDE_ERROR_NOT_FOUND,        /* unknown guide id, file or directory */
  FD_GUIDE_ERROR_UNKNOWN_CALENDAR, /* a date outside every loaded hall calendar */
} FdGuideError;

typedef enum {
  FD_GUIDE_KIND_MATTER,            /* 办事事项: <matter> */
  FD_GUIDE_KIND_PACKAGE,           /* "一件事" theme package: <package> */
} FdGuideKind;

/* The matter type attribute. Labels per content language:
 * fd_guide_type_label() in fd-guide-strings.h. */
typedef enum {
  FD_GUIDE_TYPE_PERMIT,            /* permit 行政许可 */
  FD_GUIDE_TYPE_CONFIRMATION,      /* confirmation 行政确认 */
  FD_GUIDE_TYPE_REGISTRATION,      /* registration 登记 */
  FD_GUIDE_TYPE_PAYMENT,           /* payment 行政给付 */
  FD_GUIDE_TYPE_PUBLIC_SERVICE,    /* public-service 公共服务 */
  FD_GUIDE_TYPE_OTHER,             /* other 其他; also packages without a type */
} FdGuideType;

#define FD_GUIDE_N_TYPES 6

typedef enum {
  FD_MATERIAL_ORIGINAL,            /* form="original" 原件 */
  FD_MATERIAL_COPY,                /* form="copy" 复印件 */
  FD_MATERIAL_ELECTRONIC,          /* form="electronic" 电子材料 */
  FD_MATERIAL_ORIGINAL_AND_COPY,   /* form="original copy" 原件及复印件: original shown, copy kept */
} FdMaterialForm;

/* How a time limit is counted: working days (the default) or calendar days
 * (自然日), as several laws count theirs. */
typedef enum {
  FD_DAYS_WORKING,
  FD_DAYS_CALENDAR,
} FdDayUnit;

/* The extended attribute: the extended-hours lists a guide is on. */
typedef enum {
  FD_EXTENDED_NONE     = 0,
  FD_EXTENDED_MORNING  = 1 << 0,   /* 8:30-9:00 on working days */
  FD_EXTENDED_EVENING  = 1 << 1,   /* 17:00-17:30 on working days */
  FD_EXTENDED_SATURDAY = 1 << 2,   /* Saturday 9:00-13:00 by appointment */
} FdExtendedFlags;

/* The leaf elements that may carry status="unverified": facts the content
 * team could not confirm, shown with a "to be confirmed at the window"
 * mark (docs/guide-format.md). */
typedef enum {
  FD_GUIDE_FIELD_BASIS,            /* <basis>, by index */
  FD_GUIDE_FIELD_TIME_LIMIT,       /* <time-limit> */
  FD_GUIDE_FIELD_FEE,              /* <fee> */
  FD_GUIDE_FIELD_MATERIAL,         /* <material>, by index */
  FD_GUIDE_FIELD_STEP,             /* <step>, by index */
  FD_GUIDE_FIELD_CHANNEL,          /* <online><channel> */
  FD_GUIDE_FIELD_LOCATION,         /* <location> (windows and place) */
} FdGuideField;

/* One <material>, owned by its guide. */
typedef struct _FdGuideMaterial FdGuideMaterial;

const char     *fd_guide_material_get_name     (const FdGuideMaterial *material,
                                                FdLang                 lang);
/* NULL when the material has no <note>. */
const char     *fd_guide_material_get_note     (const FdGuideMaterial *material,
                                                FdLang                 lang);
FdMaterialForm  fd_guide_material_get_form     (const FdGuideMaterial *material);
guint           fd_guide_material_get_quantity (const FdGuideMaterial *material);
/* TRUE for <material status="unverified">. */
gboolean        fd_guide_material_is_unverified (const FdGuideMaterial *material);

#define FD_TYPE_GUIDE (fd_guide_get_type ())
G_DECLARE_FINAL_TYPE (FdGuide, fd_guide, FD, GUIDE, GObject)

/* Parses one guide file (source or merged). On failure the GError
 * (FD_GUIDE_ERROR) message starts with "FILE:LINE:COL: ". */
FdGuide            *fd_guide_new_from_file        (const char   *path,
                                                   GError      **error);
/* Same from memory; @filename is used in messages only. */
FdGuide            *fd_guide_new_from_data        (const char   *data,
                                                   gssize        length,
                                                   const char   *filename,
                                                   GError      **error);

/* Checks one file against docs/guide-format.md without loading it into a
 * catalogue. Appends one "FILE:LINE:COL: error: ..." (or "warning: ...")
 * string per problem to @messages (a GPtrArray of char*, g_free) when it is
 * not NULL. Returns FALSE when there is at least one error (warnings alone,
 * e.g. a missing translation, return TRUE). */
gboolean            fd_guide_validate_file        (const char   *path,
                                                   GPtrArray    *messages);

const char         *fd_guide_get_id               (FdGuide      *self);
FdGuideKind         fd_guide_get_kind             (FdGuide      *self);
/* The file the guide was loaded from (NULL when from data). */
const char         *fd_guide_get_path             (FdGuide      *self);
/* The hall's own matter code (<code>), or NULL. */
const char         *fd_guide_get_code             (FdGuide      *self);
/* Category key (see FdGuideCatalog for its title), never NULL. */
const char         *fd_guide_get_category         (FdGuide      *self);
FdGuideType         fd_guide_get_guide_type       (FdGuide      *self);
/* 0 = no visit needed (fully online), 1 = at most one visit. */
guint               fd_guide_get_visits           (FdGuide      *self);
FdExtendedFlags     fd_guide_get_extended         (FdGuide      *self);

/* TRUE when every translatable text of the guide has a translation in
 * @lang (always TRUE for FD_LANG_ZH_CN). */
gboolean            fd_guide_is_translated        (FdGuide      *self,
                                                   FdLang        lang);

const char         *fd_guide_get_name             (FdGuide      *self,
                                                   FdLang        lang);
/* NULL when absent (packages may have no department). */
const char         *fd_guide_get_department       (FdGuide      *self,
                                                   FdLang        lang);
/* Space-separated extra search words, or NULL. */
const char         *fd_guide_get_keywords         (FdGuide      *self,
                                                   FdLang        lang);
/* Package <description>, or NULL. */
const char         *fd_guide_get_description      (FdGuide      *self,
                                                   FdLang        lang);

/* <result>: what the applicant receives when the matter is done (a
 * certificate, a licence, a payment...); NULL when the guide has none. */
const char         *fd_guide_get_result           (FdGuide      *self,
                                                   FdLang        lang);
/* <complaint>: where to complain about how the matter was handled (the
 * 12345 hotline, the unresolved-problems window...); NULL when none. */
const char         *fd_guide_get_complaint        (FdGuide      *self,
                                                   FdLang        lang);

guint               fd_guide_get_n_basis          (FdGuide      *self);
const char         *fd_guide_get_basis            (FdGuide      *self,
                                                   guint         index,
                                                   FdLang        lang);
guint               fd_guide_get_n_eligibility    (FdGuide      *self);
const char         *fd_guide_get_eligibility      (FdGuide      *self,
                                                   guint         index,
                                                   FdLang        lang);
guint               fd_guide_get_n_materials      (FdGuide      *self);
const FdGuideMaterial *fd_guide_get_material      (FdGuide      *self,
                                                   guint         index);
guint               fd_guide_get_n_steps          (FdGuide      *self);
const char         *fd_guide_get_step             (FdGuide      *self,
                                                   guint         index,
                                                   FdLang        lang);

/* Days; promised (always working days) 0 = on the spot (即办件); statutory
 * is 0 too when no rule sets a limit (see fd_guide_get_statutory_limit).
 * FALSE when the guide has no <time-limit>. */
gboolean            fd_guide_get_time_limit       (FdGuide      *self,
                                                   guint        *statutory,
                                                   guint        *promised);
/* The statutory limit and how it is counted; FALSE when the guide has no
 * <time-limit> or its time-limit omits statutory= (no rule sets one: only
 * the hall's promise is shown). */
gboolean            fd_guide_get_statutory_limit  (FdGuide      *self,
                                                   guint        *days,
                                                   FdDayUnit    *unit);

/* TRUE for <fee free="true"/>; otherwise the fees are the items below. */
gboolean            fd_guide_get_fee_free         (FdGuide      *self);
guint               fd_guide_get_n_fees           (FdGuide      *self);
const char         *fd_guide_get_fee              (FdGuide      *self,
                                                   guint         index,
                                                   FdLang        lang);

/* Window numbers ("A01"...), NULL-terminated, possibly empty. */
const char * const *fd_guide_get_windows          (FdGuide      *self);
const char         *fd_guide_get_place            (FdGuide      *self,
                                                   FdLang        lang);

/* The http(s) URL of the online channel, or NULL. */
const char         *fd_guide_get_online_url       (FdGuide      *self);
const char         *fd_guide_get_online_channel   (FdGuide      *self,
                                                   FdLang        lang);
const char         *fd_guide_get_phone            (FdGuide      *self);

guint               fd_guide_get_n_faq            (FdGuide      *self);
const char         *fd_guide_get_faq_question     (FdGuide      *self,
                                                   guint         index,
                                                   FdLang        lang);
const char         *fd_guide_get_faq_answer       (FdGuide      *self,
                                                   guint         index,
                                                   FdLang        lang);

/* TRUE when the element @field (the @index-th for basis, material and
 * step; @index is ignored for the others) carries status="unverified".
 * FALSE for an index out of range. */
gboolean            fd_guide_is_unverified        (FdGuide      *self,
                                                   FdGuideField  field,
                                                   guint         index);
/* TRUE when at least one element of the guide is unverified. */
gboolean            fd_guide_has_unverified       (FdGuide      *self);

/* Packages: the ids of the bundled matters, in order (NULL-terminated;
 * empty for a matter). Resolve them with fd_guide_catalog_lookup(). */
const char * const *fd_guide_get_matter_refs      (FdGuide      *self);

G_END_DECLS
