/* fd-guide-strings.c: fixed words of guides in the content language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per-language tables, not gettext: see fd-guide-strings.h.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include "fd-guide-strings.h"

static const char * const labels[FD_GUIDE_N_LABELS][FD_N_LANGS] = {
  [FD_GUIDE_LABEL_MATTER]           = { "办事事项", "Service", "Услуга" },
  [FD_GUIDE_LABEL_PACKAGE]          = { "“一件事”集成服务", "Integrated service package", "Комплексная услуга «одно дело»" },
  [FD_GUIDE_LABEL_DEPARTMENT]       = { "实施部门", "Department", "Ведомство" },
  [FD_GUIDE_LABEL_TYPE]             = { "事项类型", "Type", "Тип услуги" },
  [FD_GUIDE_LABEL_BASIS]            = { "设定依据", "Legal basis", "Правовое основание" },
  [FD_GUIDE_LABEL_ELIGIBILITY]      = { "受理条件", "Who can apply", "Кто может обратиться" },
  [FD_GUIDE_LABEL_MATERIALS]        = { "申请材料", "Documents to bring", "Необходимые документы" },
  [FD_GUIDE_LABEL_STEPS]            = { "办理流程", "Procedure", "Порядок действий" },
  [FD_GUIDE_LABEL_TIME_LIMIT]       = { "办理时限", "Time limit", "Срок оказания" },
  [FD_GUIDE_LABEL_STATUTORY]        = { "法定办结时限", "Statutory time limit", "Срок по закону" },
  [FD_GUIDE_LABEL_PROMISED]         = { "承诺办结时限", "Promised time limit", "Обещанный срок" },
  [FD_GUIDE_LABEL_FEES]             = { "收费标准", "Fees", "Плата" },
  [FD_GUIDE_LABEL_FREE]             = { "不收费", "Free of charge", "Бесплатно" },
  [FD_GUIDE_LABEL_LOCATION]         = { "办理地点", "Where", "Где" },
  [FD_GUIDE_LABEL_WINDOWS]          = { "窗口", "Window", "Окно" },
  [FD_GUIDE_LABEL_HOURS]            = { "办理时间", "Opening hours", "Часы приёма" },
  [FD_GUIDE_LABEL_ONLINE]           = { "网上办理", "Apply online", "Подать онлайн" },
  [FD_GUIDE_LABEL_PHONE]            = { "咨询电话", "Enquiries", "Справочный телефон" },
  [FD_GUIDE_LABEL_VISITS]           = { "到现场次数", "Visits to the hall", "Визиты в центр" },
  [FD_GUIDE_LABEL_NO_VISIT]         = { "0 次（全程网办）", "No visit needed (fully online)", "Визит не нужен (полностью онлайн)" },
  [FD_GUIDE_LABEL_ONE_VISIT]        = { "最多跑一次", "At most one visit", "Не более одного визита" },
  [FD_GUIDE_LABEL_FAQ]              = { "常见问题", "Questions and answers", "Частые вопросы" },
  [FD_GUIDE_LABEL_INCLUDED_MATTERS] = { "包含事项", "Services included", "Входящие услуги" },
  [FD_GUIDE_LABEL_ON_THE_SPOT]      = { "即办", "On the spot", "В день обращения" },
  [FD_GUIDE_LABEL_CHECKLIST_TITLE]  = { "申请材料清单", "Checklist of documents", "Список документов" },
  [FD_GUIDE_LABEL_QUANTITY]         = { "份数", "Copies", "Количество" },
  [FD_GUIDE_LABEL_NOTE]             = { "备注", "Note", "Примечание" },
  [FD_GUIDE_LABEL_SCAN_TO_APPLY]    = { "扫码网上办理", "Scan to apply online", "Сканируйте, чтобы подать онлайн" },
  [FD_GUIDE_LABEL_HOURS_REGULAR]    = { "工作日 9:00–17:00", "Working days 9:00–17:00", "Рабочие дни 9:00–17:00" },
  [FD_GUIDE_LABEL_HOURS_MORNING]    = { "工作日早间延时 8:30–9:00", "Early service on working days 8:30–9:00",
                                        "Ранний приём в рабочие дни 8:30–9:00" },
  [FD_GUIDE_LABEL_HOURS_EVENING]    = { "工作日晚间延时 17:00–17:30", "Late service on working days 17:00–17:30",
                                        "Вечерний приём в рабочие дни 17:00–17:30" },
  [FD_GUIDE_LABEL_HOURS_SATURDAY]   = { "周六 9:00–13:00（需预约）", "Saturday 9:00–13:00 (by appointment)",
                                        "Суббота 9:00–13:00 (по записи)" },
  [FD_GUIDE_LABEL_HOURS_HOLIDAYS]   = { "法定节假日休息，调休上班日正常办公",
                                        "Closed on public holidays; open on make-up working days",
                                        "В праздники закрыто; в перенесённые рабочие дни открыто" },
  [FD_GUIDE_LABEL_UNVERIFIED]       = { "待窗口确认", "to be confirmed at the window", "уточняется в окне приёма" },
  [FD_GUIDE_LABEL_SAMPLE_DATA]      = { "示例数据：窗口号、楼层和编码仅为示例，请以大厅现场公布为准",
                                        "Sample data: window numbers, floors and codes are examples; please check the signs in the hall",
                                        "Примерные данные: номера окон, этажи и коды приведены для примера; уточняйте по указателям в центре" },
  [FD_GUIDE_LABEL_RESULT]           = { "办结结果", "What you receive", "Что вы получите" },
  [FD_GUIDE_LABEL_COMPLAINT]        = { "意见与投诉", "Complaints and suggestions", "Жалобы и предложения" },
  [FD_GUIDE_LABEL_HALL_PHONES]      = { "大厅电话", "Hall phone numbers", "Телефоны центра" },
};

static const char * const type_labels[FD_GUIDE_N_TYPES][FD_N_LANGS] = {
  [FD_GUIDE_TYPE_PERMIT]         = { "行政许可", "Administrative permit", "Разрешение" },
  [FD_GUIDE_TYPE_CONFIRMATION]   = { "行政确认", "Administrative confirmation", "Подтверждение" },
  [FD_GUIDE_TYPE_REGISTRATION]   = { "登记", "Registration", "Регистрация" },
  [FD_GUIDE_TYPE_PAYMENT]        = { "行政给付", "Benefit payment", "Выплата" },
  [FD_GUIDE_TYPE_PUBLIC_SERVICE] = { "公共服务", "Public service", "Общественная услуга" },
  [FD_GUIDE_TYPE_OTHER]          = { "其他", "Other", "Другое" },
};

static const char * const form_labels[FD_MATERIAL_ORIGINAL_AND_COPY + 1][FD_N_LANGS] = {
  [FD_MATERIAL_ORIGINAL]   = { "原件", "original", "оригинал" },
  [FD_MATERIAL_COPY]       = { "复印件", "copy", "копия" },
  [FD_MATERIAL_ELECTRONIC] = { "电子材料", "electronic", "в электронном виде" },
  [FD_MATERIAL_ORIGINAL_AND_COPY] = { "原件及复印件", "original and a copy", "оригинал и копия" },
};

static const char * const state_labels[FD_HALL_UNKNOWN_CALENDAR + 1][FD_N_LANGS] = {
  [FD_HALL_CLOSED]           = { "现在不可办理", "Closed now", "Сейчас закрыто" },
  [FD_HALL_OPEN_REGULAR]     = { "现在可办理", "Open now", "Открыто сейчас" },
  [FD_HALL_OPEN_MORNING]     = { "现在可办理（早间延时）", "Open now (early service)", "Открыто сейчас (ранний приём)" },
  [FD_HALL_OPEN_EVENING]     = { "现在可办理（晚间延时）", "Open now (late service)", "Открыто сейчас (вечерний приём)" },
  [FD_HALL_OPEN_SATURDAY]    = { "现在可办理（周六预约）", "Open now (Saturday, by appointment)",
                                 "Открыто сейчас (суббота, по записи)" },
  [FD_HALL_UNKNOWN_CALENDAR] = { "节假日安排未知", "Holiday calendar unknown", "Календарь праздников неизвестен" },
};

static const char * const day_labels[FD_DAY_UNKNOWN + 1][FD_N_LANGS] = {
  [FD_DAY_WORKDAY]        = { "工作日", "working day", "рабочий день" },
  [FD_DAY_MAKEUP_WORKDAY] = { "调休上班日", "make-up working day", "перенесённый рабочий день" },
  [FD_DAY_SATURDAY]       = { "周六", "Saturday", "суббота" },
  [FD_DAY_SUNDAY]         = { "周日", "Sunday", "воскресенье" },
  [FD_DAY_HOLIDAY]        = { "法定节假日", "public holiday", "праздничный день" },
  [FD_DAY_UNKNOWN]        = { "日历未知", "unknown calendar", "календарь неизвестен" },
};

/* Plural phrases: [lang][form]; %u is the number. */
static const char * const working_days[FD_N_LANGS][3] = {
  [FD_LANG_ZH_CN] = { "%u 个工作日", NULL, NULL },
  [FD_LANG_EN]    = { "%u working day", "%u working days", NULL },
  [FD_LANG_RU]    = { "%u рабочий день", "%u рабочих дня", "%u рабочих дней" },
};

static const char * const calendar_days[FD_N_LANGS][3] = {
  [FD_LANG_ZH_CN] = { "%u 个自然日", NULL, NULL },
  [FD_LANG_EN]    = { "%u calendar day", "%u calendar days", NULL },
  [FD_LANG_RU]    = { "%u календарный день", "%u календарных дня", "%u календарных дней" },
};

static const char * const quantities[FD_N_LANGS][3] = {
  [FD_LANG_ZH_CN] = { "%u 份", NULL, NULL },
  [FD_LANG_EN]    = { "%u copy", "%u copies", NULL },
  [FD_LANG_RU]    = { "%u экземпляр", "%u экземпляра", "%u экземпляров" },
};

static const char * const weekdays[FD_N_LANGS][7] = {
  [FD_LANG_ZH_CN] = { "周一", "周二", "周三", "周四", "周五", "周六", "周日" },
  [FD_LANG_EN]    = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" },
  [FD_LANG_RU]    = { "пн", "вт", "ср", "чт", "пт", "сб", "вс" },
};

/* "until %s", "next: %s", "provisional calendar" */
static const char * const until_fmt[FD_N_LANGS] = { "，至 %s", " until %s", " до %s" };
static const char * const next_fmt[FD_N_LANGS] = { "；下次可办理：%s", "; next: %s", "; ближайшее время: %s" };
static const char * const next_unknown[FD_N_LANGS] = {
  "；之后的节假日安排未知", "; later holidays not yet known", "; дальнейшие праздники ещё неизвестны" };
static const char * const provisional_note[FD_N_LANGS] = {
  "（节假日安排暂定）", " (provisional holiday calendar)", " (предварительный календарь праздников)" };

guint
fd_lang_plural_index (FdLang lang,
                      gulong n)
{
  switch (lang)
    {
    case FD_LANG_ZH_CN:
      return 0;
    case FD_LANG_EN:
      return n != 1;
    case FD_LANG_RU:
      return n % 10 == 1 && n % 100 != 11 ? 0
             : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
    default:
      g_return_val_if_reached (0);
    }
}

FdLang
fd_text_lang (const char *text,
              FdLang      lang)
{
  guint han = 0, other = 0;

  if (lang == FD_LANG_ZH_CN || text == NULL)
    return lang;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        han++;
      else if (g_unichar_isalpha (c))
        other++;
    }
  return han > other ? FD_LANG_ZH_CN : lang;
}

const char *
fd_guide_label (FdGuideLabel label,
                FdLang       lang)
{
  g_return_val_if_fail (label < FD_GUIDE_N_LABELS && lang < FD_N_LANGS, NULL);
  return labels[label][lang];
}

const char *
fd_guide_type_label (FdGuideType type,
                     FdLang      lang)
{
  g_return_val_if_fail (type < FD_GUIDE_N_TYPES && lang < FD_N_LANGS, NULL);
  return type_labels[type][lang];
}

const char *
fd_material_form_label (FdMaterialForm form,
                        FdLang         lang)
{
  g_return_val_if_fail (form <= FD_MATERIAL_ORIGINAL_AND_COPY && lang < FD_N_LANGS, NULL);
  return form_labels[form][lang];
}

const char *
fd_hall_state_label (FdHallState state,
                     FdLang      lang)
{
  g_return_val_if_fail (state <= FD_HALL_UNKNOWN_CALENDAR && lang < FD_N_LANGS, NULL);
  return state_labels[state][lang];
}

const char *
fd_day_kind_label (FdDayKind kind,
                   FdLang    lang)
{
  g_return_val_if_fail (kind <= FD_DAY_UNKNOWN && lang < FD_N_LANGS, NULL);
  return day_labels[kind][lang];
}

static char *
format_plural (const char * const forms[3],
               FdLang             lang,
               guint              n)
{
  const char *fmt = forms[fd_lang_plural_index (lang, n)];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (fmt, n);
#pragma GCC diagnostic pop
}

char *
fd_format_days (guint     days,
                FdDayUnit unit,
                FdLang    lang)
{
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);
  if (days == 0)
    return g_strdup (labels[FD_GUIDE_LABEL_ON_THE_SPOT][lang]);
  return format_plural (unit == FD_DAYS_CALENDAR ? calendar_days[lang] : working_days[lang], lang, days);
}

char *
fd_format_working_days (guint  days,
                        FdLang lang)
{
  return fd_format_days (days, FD_DAYS_WORKING, lang);
}

char *
fd_guide_format_statutory (FdGuide *guide,
                           FdLang   lang)
{
  guint days;
  FdDayUnit unit;

  if (!fd_guide_get_statutory_limit (guide, &days, &unit))
    return NULL;
  return fd_format_days (days, unit, lang);
}

char *
fd_format_quantity (guint  quantity,
                    FdLang lang)
{
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);
  return format_plural (quantities[lang], lang, quantity);
}

static char *
format_when (GDateTime *time,
             FdLang     lang,
             gboolean   with_day)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, fd_hall_schedule_get_timezone ());
  int wd = g_date_time_get_day_of_week (local) - 1;

  if (!with_day)
    return g_strdup_printf ("%d:%02d", g_date_time_get_hour (local), g_date_time_get_minute (local));
  if (lang == FD_LANG_ZH_CN)
    return g_strdup_printf ("%d月%d日 %s %d:%02d", g_date_time_get_month (local),
                            g_date_time_get_day_of_month (local), weekdays[lang][wd],
                            g_date_time_get_hour (local), g_date_time_get_minute (local));
  return g_strdup_printf ("%s %02d.%02d %d:%02d", weekdays[lang][wd],
                          g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                          g_date_time_get_hour (local), g_date_time_get_minute (local));
}

char *
fd_hall_availability_describe (const FdHallAvailability *a,
                               FdLang                    lang)
{
  GString *out;

  g_return_val_if_fail (a != NULL && lang < FD_N_LANGS, NULL);

  out = g_string_new (fd_hall_state_label (a->state, lang));
  if (a->state == FD_HALL_UNKNOWN_CALENDAR)
    return g_string_free (out, FALSE);
  if (a->until != NULL)
    {
      g_autofree char *t = format_when (a->until, lang, FALSE);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_string_append_printf (out, until_fmt[lang], t);
#pragma GCC diagnostic pop
    }
  if (a->state == FD_HALL_CLOSED || a->until == NULL)
    {
      if (a->next_start != NULL)
        {
          g_autofree char *t = format_when (a->next_start, lang, TRUE);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          g_string_append_printf (out, next_fmt[lang], t);
#pragma GCC diagnostic pop
        }
      else
        g_string_append (out, next_unknown[lang]);
    }
  if (a->provisional)
    g_string_append (out, provisional_note[lang]);
  return g_string_free (out, FALSE);
}

char *
fd_guide_format_hours (FdGuide *guide,
                       FdLang   lang)
{
  FdExtendedFlags ext;
  GString *out;

  g_return_val_if_fail (FD_IS_GUIDE (guide) && lang < FD_N_LANGS, NULL);

  ext = fd_guide_get_extended (guide);
  out = g_string_new (labels[FD_GUIDE_LABEL_HOURS_REGULAR][lang]);
  if (ext & FD_EXTENDED_MORNING)
    g_string_append_printf (out, "\n%s", labels[FD_GUIDE_LABEL_HOURS_MORNING][lang]);
  if (ext & FD_EXTENDED_EVENING)
    g_string_append_printf (out, "\n%s", labels[FD_GUIDE_LABEL_HOURS_EVENING][lang]);
  if (ext & FD_EXTENDED_SATURDAY)
    g_string_append_printf (out, "\n%s", labels[FD_GUIDE_LABEL_HOURS_SATURDAY][lang]);
  g_string_append_printf (out, "\n%s", labels[FD_GUIDE_LABEL_HOURS_HOLIDAYS][lang]);
  return g_string_free (out, FALSE);
}
