// SPDX-License-Identifier: MIT
#include "traceheader.h"

#include "durationtext.h"
#include "servicepalette.h"
#include "tracedocument.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace skein {

namespace {

QString joinFacts(const QStringList& facts)
{
    return facts.join(QStringLiteral("   ·   "));
}

} // namespace

TraceHeader::TraceHeader(TraceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_title(new QLabel(this))
    , m_traceId(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_warnings(new QLabel(this))
{
    m_title->setObjectName(QStringLiteral("traceTitle"));
    m_traceId->setObjectName(QStringLiteral("traceId"));
    m_facts->setObjectName(QStringLiteral("traceFacts"));
    m_warnings->setObjectName(QStringLiteral("traceWarnings"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_traceId->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_traceId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_traceId->setToolTip(tr("Trace id"));
    m_facts->setTextFormat(Qt::PlainText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setWordWrap(true);
    m_warnings->setMargin(4);
    m_warnings->setAutoFillBackground(true);

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_traceId, 0, Qt::AlignBaseline);
    titleRow->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 4);
    layout->setSpacing(3);
    layout->addLayout(titleRow);
    layout->addWidget(m_facts);
    layout->addWidget(m_warnings);

    applyColors();
    refresh();
    connect(document, &TraceDocument::contentLoaded, this, &TraceHeader::refresh);
}

QString TraceHeader::titleText() const
{
    return m_title->text();
}

QString TraceHeader::factsText() const
{
    return m_facts->text();
}

QString TraceHeader::warningsText() const
{
    return m_warnings->isHidden() ? QString() : m_warnings->text();
}

void TraceHeader::refresh()
{
    const TraceIndex& index = m_document->index();
    if (index.size() == 0) {
        m_title->setText(tr("Empty trace"));
    } else {
        m_title->setText(tr("%1: %2").arg(index.serviceName(0), index.operationName(0)));
    }
    m_traceId->setText(QString::fromStdString(index.traceId.toHex()));

    QStringList facts;
    facts << tr("Started %1").arg(formatTimestamp(index.traceStartNs));
    facts << tr("Duration %1").arg(formatDuration(index.traceDurationNs));
    facts << tr("Services %1").arg(index.serviceNames.size());
    facts << tr("Depth %1").arg(index.size() == 0 ? 0 : index.maxDepth + 1);
    facts << tr("Spans %1").arg(index.size());
    facts << tr("Errors %1").arg(index.errorCount);
    m_facts->setText(joinFacts(facts));

    QStringList warnings;
    if (index.orphanCount > 0)
        warnings << tr("Orphan spans (parent not in the trace): %1").arg(index.orphanCount);
    if (index.cycleCount > 0)
        warnings << tr("Parent cycles cut: %1").arg(index.cycleCount);
    if (index.skewCount > 0)
        warnings << tr("Spans outside their parent (clock skew?): %1").arg(index.skewCount);
    if (const TraceContent* content = m_document->content(); content && !content->spansWithWarnings.empty())
        warnings << tr("Spans with warnings: %1").arg(content->spansWithWarnings.size());
    m_warnings->setText(QStringLiteral("⚠  ") + joinFacts(warnings));
    m_warnings->setVisible(!warnings.isEmpty());
}

void TraceHeader::applyColors()
{
    const QPalette pal = palette();
    const bool dark = ServicePalette::isDark(pal);
    QPalette idPalette = m_traceId->palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    idPalette.setColor(QPalette::WindowText,
        QColor::fromRgbF(float(text.redF() * 0.6 + window.redF() * 0.4),
            float(text.greenF() * 0.6 + window.greenF() * 0.4), float(text.blueF() * 0.6 + window.blueF() * 0.4)));
    m_traceId->setPalette(idPalette);

    // An amber note that reads on light and dark windows alike.
    QPalette warningPalette = m_warnings->palette();
    warningPalette.setColor(QPalette::Window, dark ? QColor(0x4a, 0x3b, 0x12) : QColor(0xff, 0xf3, 0xcd));
    warningPalette.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xe0, 0x8a) : QColor(0x6b, 0x4e, 0x00));
    m_warnings->setPalette(warningPalette);
}

void TraceHeader::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

} // namespace skein
