// SPDX-License-Identifier: MIT
#include "searchform.h"

#include "durationtext.h"
#include "servicepalette.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace skein {

namespace {

constexpr int allTime = 0;
constexpr int customRange = -1;
constexpr int defaultLimit = 100;
const char* const markActionProperty = "skeinProblemAction";

bool needsQuotes(const QString& value)
{
    if (value.isEmpty())
        return true;
    for (QChar c : value) {
        if (c.isSpace() || c == u'"' || c == u'\'' || c == u'\\')
            return true;
    }
    return false;
}

// Empty selects the "All" entry; a name the list does not hold (yet) is added so that it is not lost.
void setComboValue(QComboBox* combo, const QString& value)
{
    if (value.isEmpty()) {
        combo->setCurrentIndex(0);
        return;
    }
    int index = combo->findData(value);
    if (index < 0) {
        combo->addItem(value, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

void fillCombo(QComboBox* combo, const QString& allText, const QStringList& names)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(allText, QString());
    for (const QString& name : names)
        combo->addItem(name, name);
    setComboValue(combo, current);
}

// The edits show whole seconds: whatever milliseconds they hold are not what the user sees.
int64_t wholeSecondNs(const QDateTime& time)
{
    return time.toSecsSinceEpoch() * 1000000000;
}

QDateTime fromNs(int64_t ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1000000);
}

} // namespace

std::optional<TagFilters> parseTagFilters(QStringView text, QString* error)
{
    auto fail = [error](const QString& message) -> std::optional<TagFilters> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    TagFilters tags;
    qsizetype i = 0;
    const qsizetype size = text.size();
    while (true) {
        while (i < size && text[i].isSpace())
            ++i;
        if (i == size)
            break;
        const qsizetype keyStart = i;
        while (i < size && text[i] != u'=' && !text[i].isSpace())
            ++i;
        const QString key = text.mid(keyStart, i - keyStart).toString();
        if (i == size || text[i] != u'=')
            return fail(SearchForm::tr("“%1” is not key=value.").arg(key));
        if (key.isEmpty())
            return fail(SearchForm::tr("A tag needs a key before “=”."));
        ++i; // '='
        QString value;
        if (i < size && (text[i] == u'"' || text[i] == u'\'')) {
            const QChar quote = text[i++];
            bool closed = false;
            while (i < size) {
                const QChar c = text[i++];
                if (c == quote) {
                    closed = true;
                    break;
                }
                if (c == u'\\' && quote == u'"' && i < size)
                    value += text[i++];
                else
                    value += c;
            }
            if (!closed)
                return fail(SearchForm::tr("The value of “%1” has no closing %2.").arg(key, quote));
            if (i < size && !text[i].isSpace())
                return fail(SearchForm::tr("Put a space after the quoted value of “%1”.").arg(key));
        } else {
            const qsizetype valueStart = i;
            while (i < size && !text[i].isSpace())
                ++i;
            value = text.mid(valueStart, i - valueStart).toString();
            if (value.isEmpty())
                return fail(SearchForm::tr("“%1=” has no value (write %1=\"\" for an empty one).").arg(key));
        }
        tags.emplace_back(key, value);
    }
    return tags;
}

QString formatTagFilters(const TagFilters& tags)
{
    QStringList parts;
    for (const auto& [key, value] : tags) {
        if (!needsQuotes(value)) {
            parts.append(key + u'=' + value);
            continue;
        }
        QString escaped = value;
        escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        parts.append(key + QStringLiteral("=\"") + escaped + u'"');
    }
    return parts.join(u' ');
}

QString formatExactDuration(int64_t ns)
{
    struct Unit {
        int64_t ns;
        const char* name;
    };
    for (const Unit& unit : { Unit { 3600000000000, "h" }, Unit { 60000000000, "m" }, Unit { 1000000000, "s" },
             Unit { 1000000, "ms" }, Unit { 1000, "us" } }) {
        if (ns != 0 && ns % unit.ns == 0)
            return QString::number(ns / unit.ns) + QLatin1String(unit.name);
    }
    return QString::number(ns) + QStringLiteral("ns");
}

SearchForm::SearchForm(QWidget* parent)
    : QWidget(parent)
{
    m_service = new QComboBox(this);
    m_service->setObjectName(QStringLiteral("service"));
    m_service->addItem(tr("All services"), QString());
    m_operation = new QComboBox(this);
    m_operation->setObjectName(QStringLiteral("operation"));
    m_operation->addItem(tr("All operations"), QString());
    for (QComboBox* combo : { m_service, m_operation }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }

    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("http.response.status_code=500"));
    m_tags->setToolTip(tr("Space-separated key=value pairs that some span of the trace (or its resource) has, "
                          "e.g. http.response.status_code=500 error=true.\nQuote values with spaces: "
                          "http.route=\"/cart items\"."));
    m_tags->setClearButtonEnabled(true);

    m_minDuration = new QLineEdit(this);
    m_minDuration->setObjectName(QStringLiteral("minDuration"));
    m_minDuration->setPlaceholderText(tr("min, e.g. 5ms"));
    m_minDuration->setAccessibleName(tr("Minimum duration"));
    m_maxDuration = new QLineEdit(this);
    m_maxDuration->setObjectName(QStringLiteral("maxDuration"));
    m_maxDuration->setPlaceholderText(tr("max, e.g. 2s"));
    m_maxDuration->setAccessibleName(tr("Maximum duration"));
    for (QLineEdit* edit : { m_minDuration, m_maxDuration }) {
        edit->setToolTip(tr("A number with a unit: ns, us, ms, s, m or h (1.5ms, 2s, 1m30s). A bare number is "
                            "milliseconds."));
        edit->setMinimumWidth(60);
    }
    auto* durations = new QHBoxLayout;
    durations->setContentsMargins(0, 0, 0, 0);
    durations->addWidget(m_minDuration, 1);
    durations->addWidget(new QLabel(tr("to"), this));
    durations->addWidget(m_maxDuration, 1);

    m_lookback = new QComboBox(this);
    m_lookback->setObjectName(QStringLiteral("lookback"));
    m_lookback->addItem(tr("Last hour"), 3600);
    m_lookback->addItem(tr("Last 6 hours"), 6 * 3600);
    m_lookback->addItem(tr("Last day"), 24 * 3600);
    m_lookback->addItem(tr("Last week"), 7 * 24 * 3600);
    m_lookback->addItem(tr("All time"), allTime);
    m_lookback->addItem(tr("Custom range"), customRange);
    m_lookback->setCurrentIndex(m_lookback->findData(allTime));

    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addSecs(-3600), this);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = new QDateTimeEdit(now, this);
    m_to->setObjectName(QStringLiteral("to"));
    for (QDateTimeEdit* edit : { m_from, m_to }) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this] { m_customRangeTouched = true; });
    }

    m_limit = new QSpinBox(this);
    m_limit->setObjectName(QStringLiteral("limit"));
    m_limit->setRange(0, 1000000);
    m_limit->setSpecialValueText(tr("No limit"));
    m_limit->setValue(defaultLimit);
    m_limit->setAccelerated(true);
    m_limit->setToolTip(tr("At most this many traces, newest first"));

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    updateErrorColor();

    m_searchButton = new QPushButton(tr("Find Traces"), this);
    m_searchButton->setObjectName(QStringLiteral("searchButton"));
    m_searchButton->setDefault(true);
    connect(m_searchButton, &QPushButton::clicked, this, &SearchForm::searchRequested);

    auto* heading = new QLabel(tr("Search"), this);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    heading->setFont(headingFont);

    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setContentsMargins(0, 0, 0, 0);
    form->setVerticalSpacing(4);
    form->addRow(tr("&Service"), m_service);
    form->addRow(tr("&Operation"), m_operation);
    form->addRow(tr("&Tags"), m_tags);
    form->addRow(tr("&Duration"), durations);
    form->addRow(tr("&Lookback"), m_lookback);
    m_fromLabel = new QLabel(tr("&From"), this);
    m_fromLabel->setBuddy(m_from);
    form->addRow(m_fromLabel, m_from);
    m_toLabel = new QLabel(tr("T&o"), this);
    m_toLabel->setBuddy(m_to);
    form->addRow(m_toLabel, m_to);
    form->addRow(tr("L&imit"), m_limit);
    // Label above field: the buddy label of the duration row is the first edit.
    if (auto* durationLabel = qobject_cast<QLabel*>(form->labelForField(durations)))
        durationLabel->setBuddy(m_minDuration);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_searchButton);
    layout->addStretch(1);

    connect(m_service, &QComboBox::currentIndexChanged, this, [this] {
        if (!signalsBlocked()) {
            // Another service has other operations: start from all of them.
            const QSignalBlocker blocker(m_operation);
            fillCombo(m_operation, tr("All operations"), {});
            m_operation->setCurrentIndex(0);
        }
        emit serviceChanged(service());
    });
    connect(m_lookback, &QComboBox::currentIndexChanged, this, &SearchForm::lookbackChanged);
    for (QLineEdit* edit : { m_tags, m_minDuration, m_maxDuration })
        connect(edit, &QLineEdit::textEdited, this, [this, edit] { clearMark(edit); });
    for (QWidget* field : std::initializer_list<QWidget*> {
             m_service, m_operation, m_tags, m_minDuration, m_maxDuration, m_lookback, m_from, m_to, m_limit })
        field->installEventFilter(this);
    lookbackChanged();
    setFocusProxy(m_service);
}

SearchForm::Parsed SearchForm::parse() const
{
    Parsed parsed;
    auto fail = [&parsed](const QString& message, QWidget* field) {
        if (parsed.error.isEmpty()) {
            parsed.error = message;
            parsed.invalidField = field;
        }
    };
    TraceFilter& filter = parsed.filter;
    filter.service = service();
    filter.operation = m_operation->currentData().toString();

    QString tagError;
    if (auto tags = parseTagFilters(m_tags->text(), &tagError))
        filter.tags = std::move(*tags);
    else
        fail(tr("Tags: %1").arg(tagError), m_tags);

    auto readDuration = [&](QLineEdit* edit, std::optional<int64_t>& target) {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            return;
        if (const auto duration = parseDuration(text))
            target = *duration;
        else
            fail(tr("“%1” is not a duration. Use a number with a unit, like 250ms, 1.5s or 2m.").arg(text), edit);
    };
    readDuration(m_minDuration, filter.minDurationNs);
    readDuration(m_maxDuration, filter.maxDurationNs);
    if (filter.minDurationNs && filter.maxDurationNs && *filter.minDurationNs > *filter.maxDurationNs) {
        fail(tr("The minimum duration (%1) is longer than the maximum (%2).")
                 .arg(formatDuration(*filter.minDurationNs), formatDuration(*filter.maxDurationNs)),
            m_minDuration);
        filter.maxDurationNs.reset();
    }

    const int lookback = m_lookback->currentData().toInt();
    if (lookback == customRange) {
        filter.startFromNs = wholeSecondNs(m_from->dateTime());
        filter.startToNs = wholeSecondNs(m_to->dateTime()) + 999999999; // the whole "To" second
        if (*filter.startFromNs > *filter.startToNs) {
            fail(tr("The range starts after it ends."), m_from);
            filter.startToNs.reset();
        }
    } else if (lookback > 0) {
        filter.startFromNs = (QDateTime::currentMSecsSinceEpoch() - int64_t(lookback) * 1000) * 1000000;
    }
    filter.limit = m_limit->value();
    return parsed;
}

void SearchForm::showProblem(const QString& message, QWidget* field)
{
    if (m_markedField) {
        if (auto* edit = qobject_cast<QLineEdit*>(m_markedField))
            clearMark(edit);
        m_markedField = nullptr;
    }
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
    if (!message.isEmpty() && field)
        markField(field, message);
}

QString SearchForm::problem() const
{
    return m_problem->text();
}

void SearchForm::markField(QWidget* field, const QString& message)
{
    m_markedField = field;
    if (auto* edit = qobject_cast<QLineEdit*>(field)) {
        auto* action = edit->property(markActionProperty).value<QAction*>();
        if (!action) {
            action = edit->addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QLineEdit::TrailingPosition);
            edit->setProperty(markActionProperty, QVariant::fromValue(action));
        }
        action->setToolTip(message);
        action->setVisible(true);
    }
    field->setFocus(Qt::OtherFocusReason);
    if (auto* edit = qobject_cast<QLineEdit*>(field))
        edit->selectAll();
}

void SearchForm::clearMark(QLineEdit* field)
{
    if (auto* action = field->property(markActionProperty).value<QAction*>())
        action->setVisible(false);
    if (m_markedField == field) {
        m_markedField = nullptr;
        m_problem->clear();
        m_problem->hide();
    }
}

void SearchForm::updateErrorColor()
{
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, ServicePalette::errorColor(palette()));
    m_problem->setPalette(problemPalette);
}

void SearchForm::setFilter(const TraceFilter& filter)
{
    {
        const QSignalBlocker blocker(this);
        setComboValue(m_service, filter.service);
        setComboValue(m_operation, filter.operation);
    }
    emit serviceChanged(service());
    m_tags->setText(formatTagFilters(filter.tags));
    m_minDuration->setText(filter.minDurationNs ? formatExactDuration(*filter.minDurationNs) : QString());
    m_maxDuration->setText(filter.maxDurationNs ? formatExactDuration(*filter.maxDurationNs) : QString());
    if (filter.startFromNs || filter.startToNs) {
        m_lookback->setCurrentIndex(m_lookback->findData(customRange));
        m_from->setDateTime(filter.startFromNs ? fromNs(*filter.startFromNs) : m_from->minimumDateTime());
        m_to->setDateTime(filter.startToNs ? fromNs(*filter.startToNs) : m_to->maximumDateTime());
    } else {
        m_lookback->setCurrentIndex(m_lookback->findData(allTime));
    }
    m_limit->setValue(std::max(filter.limit, 0));
    showProblem({});
}

QString SearchForm::service() const
{
    return m_service->currentData().toString();
}

void SearchForm::setServices(const QStringList& services)
{
    const QSignalBlocker blocker(m_service);
    fillCombo(m_service, tr("All services"), services);
}

void SearchForm::setOperations(const QString& forService, const QStringList& operations)
{
    if (forService == service())
        fillCombo(m_operation, tr("All operations"), operations);
}

void SearchForm::setSuggestedRange(int64_t firstNs, int64_t lastNs)
{
    if (m_customRangeTouched || m_lookback->currentData().toInt() == customRange)
        return;
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    m_from->setDateTime(fromNs(firstNs));
    m_to->setDateTime(fromNs(lastNs));
}

void SearchForm::lookbackChanged()
{
    const bool custom = m_lookback->currentData().toInt() == customRange;
    auto* form = findChild<QFormLayout*>();
    form->setRowVisible(m_from, custom);
    form->setRowVisible(m_to, custom);
}

void SearchForm::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("search"));
    settings.setValue(QStringLiteral("service"), service());
    settings.setValue(QStringLiteral("operation"), m_operation->currentData().toString());
    settings.setValue(QStringLiteral("tags"), m_tags->text());
    settings.setValue(QStringLiteral("minDuration"), m_minDuration->text());
    settings.setValue(QStringLiteral("maxDuration"), m_maxDuration->text());
    settings.setValue(QStringLiteral("lookback"), m_lookback->currentData().toInt());
    settings.setValue(QStringLiteral("from"), m_from->dateTime());
    settings.setValue(QStringLiteral("to"), m_to->dateTime());
    settings.setValue(QStringLiteral("limit"), m_limit->value());
}

void SearchForm::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("search"));
    {
        const QSignalBlocker blocker(this);
        setComboValue(m_service, settings.value(QStringLiteral("service")).toString());
        setComboValue(m_operation, settings.value(QStringLiteral("operation")).toString());
    }
    emit serviceChanged(service());
    m_tags->setText(settings.value(QStringLiteral("tags")).toString());
    m_minDuration->setText(settings.value(QStringLiteral("minDuration")).toString());
    m_maxDuration->setText(settings.value(QStringLiteral("maxDuration")).toString());
    const int lookback = m_lookback->findData(settings.value(QStringLiteral("lookback"), allTime).toInt());
    if (lookback >= 0)
        m_lookback->setCurrentIndex(lookback);
    if (settings.contains(QStringLiteral("from")) && settings.contains(QStringLiteral("to"))) {
        m_from->setDateTime(settings.value(QStringLiteral("from")).toDateTime());
        m_to->setDateTime(settings.value(QStringLiteral("to")).toDateTime());
        m_customRangeTouched = true;
    }
    m_limit->setValue(settings.value(QStringLiteral("limit"), defaultLimit).toInt());
}

bool SearchForm::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        auto* combo = qobject_cast<QComboBox*>(watched);
        if (enter && !(combo && combo->view()->isVisible())) {
            emit searchRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SearchForm::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateErrorColor();
}

} // namespace skein
