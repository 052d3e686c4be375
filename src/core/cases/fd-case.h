/* fd-case.h: one escort case (an assisted visit), a plain GObject model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Privacy by design (PIPL): a case has no name and no ID-number field. Notes
 * are masked when the case is saved (see fd-case-mask.h); a contact phone may
 * only be set together with a recorded consent (fd_case_store_create() and
 * fd_case_store_update() reject a phone without consent with
 * FD_CASE_ERROR_CONSENT). Notes and contact phone are purged after the
 * retention period, statistics stay.
 *
 * Times are GDateTime (stored as Unix seconds, reported in local time).
 * All setters notify their property only on change, so widgets can bind.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_CASE_ERROR (fd_case_error_quark ())
GQuark fd_case_error_quark (void);

typedef enum
{
  FD_CASE_ERROR_FAILED,         /* any other database failure */
  FD_CASE_ERROR_INVALID,        /* bad field value (unknown need, closed before opened…) */
  FD_CASE_ERROR_CONSENT,        /* a contact phone without a recorded consent */
  FD_CASE_ERROR_NOT_FOUND,      /* no case with that id */
  FD_CASE_ERROR_URI,            /* a connection URI we cannot use */
  FD_CASE_ERROR_CONNECTION,     /* cannot reach / lost the database server */
  FD_CASE_ERROR_DISK_FULL,      /* the disk (or database quota) is full; nothing was changed */
  FD_CASE_ERROR_BUSY,           /* locked by another writer for longer than the busy timeout */
  FD_CASE_ERROR_READ_ONLY,      /* the database cannot be written */
  FD_CASE_ERROR_SCHEMA,         /* schema newer than this program, or a failed migration */
  FD_CASE_ERROR_CORRUPT,        /* the database file is damaged */
  FD_CASE_ERROR_CSV,            /* bad CSV input (message lists the bad lines) */
  FD_CASE_ERROR_AUDIT,          /* an attempt to change or delete audit rows */
} FdCaseError;

/**
 * FdCaseNeed:
 * The kinds of help a visitor needs (a set: combine with |).
 * Stable codes (CSV, CLI, database bit values) are given by
 * fd_case_need_to_code(); the bit values never change.
 */
typedef enum /*< flags,prefix=FD_CASE_NEED >*/
{
  FD_CASE_NEED_NONE        = 0,
  FD_CASE_NEED_MOBILITY    = 1 << 0, /*< nick=mobility >*/     /* wheelchair or mobility */
  FD_CASE_NEED_DEAF        = 1 << 1, /*< nick=deaf >*/         /* deaf or hard of hearing */
  FD_CASE_NEED_BLIND       = 1 << 2, /*< nick=blind >*/        /* blind or low vision */
  FD_CASE_NEED_SPEECH      = 1 << 3, /*< nick=speech >*/
  FD_CASE_NEED_COGNITIVE   = 1 << 4, /*< nick=cognitive >*/
  FD_CASE_NEED_ELDERLY     = 1 << 5, /*< nick=elderly >*/
  FD_CASE_NEED_PREGNANT    = 1 << 6, /*< nick=pregnant >*/     /* pregnant or with an infant */
  FD_CASE_NEED_FOREIGN     = 1 << 7, /*< nick=foreign-language >*/
  FD_CASE_NEED_OTHER       = 1 << 8, /*< nick=other >*/
} FdCaseNeed;

#define FD_CASE_N_NEEDS 9
#define FD_CASE_NEED_ALL ((FdCaseNeed) ((1 << FD_CASE_N_NEEDS) - 1))

/**
 * FdCaseOutcome:
 * How a case ended. FD_CASE_OUTCOME_NONE while the case is open.
 */
typedef enum /*< prefix=FD_CASE_OUTCOME >*/
{
  FD_CASE_OUTCOME_NONE = 0,    /*< nick=none >*/
  FD_CASE_OUTCOME_COMPLETED,   /*< nick=completed >*/
  FD_CASE_OUTCOME_APPOINTMENT, /*< nick=appointment >*/   /* appointment made */
  FD_CASE_OUTCOME_REFERRED,    /*< nick=referred >*/      /* referred to a department */
  FD_CASE_OUTCOME_ESCALATED,   /*< nick=escalated >*/     /* "problems that could not be solved" window */
  FD_CASE_OUTCOME_LEFT,        /*< nick=left >*/          /* visitor left */
} FdCaseOutcome;

#define FD_CASE_N_OUTCOMES 6

/* Stable English codes (as in the CSV and CLI) and back. The UI translates
 * its own labels; these are identifiers, not display text. */
const char   *fd_case_need_to_code        (FdCaseNeed     need);   /* one bit */
gboolean      fd_case_need_from_code      (const char    *code,
                                           FdCaseNeed    *out_need);
/* "mobility;deaf" <-> flags; unknown codes fail. Returns a newly allocated string. */
char         *fd_case_needs_to_string     (FdCaseNeed     needs);
gboolean      fd_case_needs_from_string   (const char    *str,
                                           FdCaseNeed    *out_needs,
                                           GError       **error);
const char   *fd_case_outcome_to_code     (FdCaseOutcome  outcome);
gboolean      fd_case_outcome_from_code   (const char    *code,
                                           FdCaseOutcome *out_outcome);

/**
 * FdCaseCall:
 * An interpreter call linked to a case (offered by the call page while the
 * case is open). Boxed type FD_TYPE_CASE_CALL.
 */
typedef struct
{
  char   *call_id;        /* the call engine's / relay's id */
  char   *language;       /* e.g. "csl" (Chinese Sign Language), "en", "ru" */
  guint   duration_s;     /* seconds */
} FdCaseCall;

#define FD_TYPE_CASE_CALL (fd_case_call_get_type ())
GType        fd_case_call_get_type  (void) G_GNUC_CONST;
FdCaseCall  *fd_case_call_new       (const char       *call_id,
                                     const char       *language,
                                     guint             duration_s);
FdCaseCall  *fd_case_call_copy      (const FdCaseCall *call);
void         fd_case_call_free      (FdCaseCall       *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdCaseCall, fd_case_call_free)

#define FD_TYPE_CASE (fd_case_get_type ())
G_DECLARE_FINAL_TYPE (FdCase, fd_case, FD, CASE, GObject)

/* Properties: "id" (gint64, 0 = not yet stored), "hall", "desk", "opened-at"
 * (GDateTime), "closed-at" (GDateTime or NULL while open), "is-open"
 * (read-only), "needs" (FdCaseNeed flags), "language", "staff", "outcome"
 * (FdCaseOutcome), "notes", "contact-phone", "contact-consent" (gboolean),
 * "duration" (read-only, seconds, closed or now - opened). */

/* A new open case: opened now (local time), no id yet. */
FdCase        *fd_case_new                 (void);
/* A deep copy (matters and calls too). */
FdCase        *fd_case_copy                (FdCase        *self);

gint64         fd_case_get_id              (FdCase        *self);
void           fd_case_set_id              (FdCase        *self,
                                            gint64         id);
const char    *fd_case_get_hall            (FdCase        *self);
void           fd_case_set_hall            (FdCase        *self,
                                            const char    *hall);
const char    *fd_case_get_desk            (FdCase        *self);
void           fd_case_set_desk            (FdCase        *self,
                                            const char    *desk);
GDateTime     *fd_case_get_opened_at       (FdCase        *self);
void           fd_case_set_opened_at       (FdCase        *self,
                                            GDateTime     *opened_at);
/* NULL while the case is open. */
GDateTime     *fd_case_get_closed_at       (FdCase        *self);
void           fd_case_set_closed_at       (FdCase        *self,
                                            GDateTime     *closed_at);
gboolean       fd_case_is_open             (FdCase        *self);
/* Seconds from opened to closed (or to now while open); never negative. */
gint64         fd_case_get_duration        (FdCase        *self);
FdCaseNeed     fd_case_get_needs           (FdCase        *self);
void           fd_case_set_needs           (FdCase        *self,
                                            FdCaseNeed     needs);
/* Visitor language: a BCP 47 tag or sign language code ("zh", "en", "ru", "csl"…). */
const char    *fd_case_get_language        (FdCase        *self);
void           fd_case_set_language        (FdCase        *self,
                                            const char    *language);
/* Escort staff member (a staff handle, not a visitor). */
const char    *fd_case_get_staff           (FdCase        *self);
void           fd_case_set_staff           (FdCase        *self,
                                            const char    *staff);
FdCaseOutcome  fd_case_get_outcome         (FdCase        *self);
void           fd_case_set_outcome         (FdCase        *self,
                                            FdCaseOutcome  outcome);
/* Notes are masked by the store on save; NULL after purge. */
const char    *fd_case_get_notes           (FdCase        *self);
void           fd_case_set_notes           (FdCase        *self,
                                            const char    *notes);
const char    *fd_case_get_contact_phone   (FdCase        *self);
void           fd_case_set_contact_phone   (FdCase        *self,
                                            const char    *phone);
gboolean       fd_case_get_contact_consent (FdCase        *self);
void           fd_case_set_contact_consent (FdCase        *self,
                                            gboolean       consent);
/* TRUE once retention purged the notes and contact phone. */
gboolean       fd_case_get_purged          (FdCase        *self);
void           fd_case_set_purged          (FdCase        *self,
                                            gboolean       purged);

/* Matters handled: guide ids (strings), in order, no duplicates. */
const char * const *fd_case_get_matters    (FdCase        *self);  /* NULL-terminated, never NULL */
void           fd_case_add_matter          (FdCase        *self,
                                            const char    *guide_id);
gboolean       fd_case_remove_matter       (FdCase        *self,
                                            const char    *guide_id);
void           fd_case_set_matters         (FdCase        *self,
                                            const char * const *guide_ids);

/* Linked interpreter calls, in order. Adding a call whose call_id is already
 * linked replaces it (a call's duration grows while it runs). */
GPtrArray     *fd_case_get_calls           (FdCase        *self);  /* element-type FdCaseCall, transfer none */
void           fd_case_add_call            (FdCase        *self,
                                            const FdCaseCall *call);
void           fd_case_clear_calls         (FdCase        *self);

/* TRUE when both cases hold the same data (id included). For tests and sync. */
gboolean       fd_case_equal               (FdCase        *a,
                                            FdCase        *b);

/* --- Case rules (fd-case-rules.c): the same for the UI, the store and import */

/* FALSE with FD_CASE_ERROR_INVALID or _CONSENT when @self may not be stored
 * (a phone without consent or implausible, closed before opened, closed
 * without an outcome, an outcome while open). */
gboolean       fd_case_validate            (FdCase        *self,
                                            GError       **error);
/* Masks personal numbers in the notes (fd-case-mask.h); empty notes -> NULL. */
void           fd_case_mask_notes          (FdCase        *self);
/* "fields: a,b" naming the fields that differ (never their values), or
 * "fields: none". */
char          *fd_case_changed_fields      (FdCase        *old_case,
                                            FdCase        *new_case);

G_END_DECLS
