/* fd-guide-strings.h: fixed words of guides in the CONTENT language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The applicant screen and the printed checklist show a guide in the
 * applicant's language while the UI stays in the staff language, so the
 * fixed words around guide content ("Open now", type labels, "3 working
 * days", headings of the checklist) cannot come from process-wide gettext.
 * They are per-language tables indexed by FdLang, with plural rules
 * implemented per language here (zh: one form; en: n != 1; ru: three
 * forms). All returned strings are static, or newly allocated where noted.
 */
#pragma once

#include <glib.h>

#include "fd-guide.h"
#include "fd-hall-schedule.h"
#include "fd-lang.h"

G_BEGIN_DECLS

typedef enum {
  FD_GUIDE_LABEL_MATTER,           /* 办事事项 / Matter / Услуга */
  FD_GUIDE_LABEL_PACKAGE,          /* 一件事 / Theme package / Комплексная услуга */
  FD_GUIDE_LABEL_DEPARTMENT,
  FD_GUIDE_LABEL_TYPE,
  FD_GUIDE_LABEL_BASIS,
  FD_GUIDE_LABEL_ELIGIBILITY,
  FD_GUIDE_LABEL_MATERIALS,
  FD_GUIDE_LABEL_STEPS,
  FD_GUIDE_LABEL_TIME_LIMIT,
  FD_GUIDE_LABEL_STATUTORY,        /* statutory time limit */
  FD_GUIDE_LABEL_PROMISED,         /* promised time limit */
  FD_GUIDE_LABEL_FEES,
  FD_GUIDE_LABEL_FREE,             /* 不收费 / Free of charge / Бесплатно */
  FD_GUIDE_LABEL_LOCATION,
  FD_GUIDE_LABEL_WINDOWS,
  FD_GUIDE_LABEL_HOURS,
  FD_GUIDE_LABEL_ONLINE,
  FD_GUIDE_LABEL_PHONE,
  FD_GUIDE_LABEL_VISITS,
  FD_GUIDE_LABEL_NO_VISIT,         /* no visit needed, fully online */
  FD_GUIDE_LABEL_ONE_VISIT,        /* at most one visit */
  FD_GUIDE_LABEL_FAQ,
  FD_GUIDE_LABEL_INCLUDED_MATTERS, /* the matters a package bundles */
  FD_GUIDE_LABEL_ON_THE_SPOT,      /* 即办 / On the spot / В день обращения */
  FD_GUIDE_LABEL_CHECKLIST_TITLE,  /* heading of the printed checklist */
  FD_GUIDE_LABEL_QUANTITY,
  FD_GUIDE_LABEL_NOTE,
  FD_GUIDE_LABEL_SCAN_TO_APPLY,    /* caption of the QR code */
  FD_GUIDE_LABEL_HOURS_REGULAR,    /* Mon-Fri 9:00-17:00 */
  FD_GUIDE_LABEL_HOURS_MORNING,    /* morning extension 8:30-9:00 */
  FD_GUIDE_LABEL_HOURS_EVENING,    /* evening extension 17:00-17:30 */
  FD_GUIDE_LABEL_HOURS_SATURDAY,   /* Saturday 9:00-13:00 by appointment */
  FD_GUIDE_LABEL_HOURS_HOLIDAYS,   /* closed on public holidays, open on make-up days */
  FD_GUIDE_LABEL_UNVERIFIED,       /* mark of a status="unverified" fact */
  FD_GUIDE_LABEL_SAMPLE_DATA,      /* notice while the hall's own data is not loaded */
  FD_GUIDE_LABEL_RESULT,           /* <result>: what the applicant receives */
  FD_GUIDE_LABEL_COMPLAINT,        /* <complaint>: where to complain */
  FD_GUIDE_LABEL_HALL_PHONES,      /* the hall's own numbers (hall.xml) */
  FD_GUIDE_N_LABELS
} FdGuideLabel;

/* Plural form index of @n for @lang (zh: 0; en: n != 1; ru: 0/1/2 as
 * gettext's Russian Plural-Forms). */
guint       fd_lang_plural_index       (FdLang          lang,
                                        gulong          n);

/* The language to tag @text with when shown as @lang: Chinese when it is
 * mostly Han characters (content without a translation falls back to the
 * Chinese source, hall.xml names may have no translation), else @lang. */
FdLang      fd_text_lang               (const char     *text,
                                        FdLang          lang);

const char *fd_guide_label             (FdGuideLabel    label,
                                        FdLang          lang);
const char *fd_guide_type_label        (FdGuideType     type,
                                        FdLang          lang);
const char *fd_material_form_label     (FdMaterialForm  form,
                                        FdLang          lang);
const char *fd_hall_state_label        (FdHallState     state,
                                        FdLang          lang);
const char *fd_day_kind_label          (FdDayKind       kind,
                                        FdLang          lang);

/* "3 个工作日" / "3 working days" / "3 рабочих дня"; 0 gives the
 * on-the-spot label. Newly allocated. */
char       *fd_format_working_days     (guint           days,
                                        FdLang          lang);
/* As fd_format_working_days, counted in @unit: "15 个自然日" /
 * "15 calendar days" / "15 календарных дней". Newly allocated. */
char       *fd_format_days             (guint           days,
                                        FdDayUnit       unit,
                                        FdLang          lang);
/* The guide's statutory limit in its unit, or NULL when it has none (no
 * <time-limit>, or no statutory= in it). Newly allocated. */
char       *fd_guide_format_statutory  (FdGuide        *guide,
                                        FdLang          lang);
/* "2 份" / "2 copies" / "2 экземпляра". Newly allocated. */
char       *fd_format_quantity         (guint           quantity,
                                        FdLang          lang);
/* One line for a badge: "Open now (evening extension) until 17:30",
 * "Closed · next: Mon 8:30", "Unknown calendar"... Newly allocated. */
char       *fd_hall_availability_describe (const FdHallAvailability *availability,
                                           FdLang                    lang);
/* The hours that apply to a guide, one line per period. Newly allocated. */
char       *fd_guide_format_hours      (FdGuide        *guide,
                                        FdLang          lang);

G_END_DECLS
