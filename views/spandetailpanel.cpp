// SPDX-License-Identifier: MIT
#include "spandetailpanel.h"

#include "attributetablemodel.h"
#include "durationtext.h"
#include "servicepalette.h"
#include "tracedocument.h"
#include "tracestore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QShortcut>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace skein {

namespace {

// What a row of the links tree leads to.
enum LinkTarget { NoTarget, SpanInThisTrace, SpanInOtherTrace };
enum LinkRoles {
    TargetRole = Qt::UserRole + 1, // LinkTarget
    SpanIndexRole, // SpanInThisTrace: the index in the document's TraceIndex
    TraceIdRole, // SpanInOtherTrace: hex trace id
    SpanIdRole, // SpanInOtherTrace: span id (qulonglong)
    CopyTextRole, // what "Copy" copies from an events or links row
};

QString hexId(SpanId id)
{
    return QString::fromStdString(spanIdToHex(id));
}

QString shortHex(const QString& hex)
{
    return hex.size() > 8 ? hex.left(8) + QStringLiteral("\u2026") : hex;
}

QString oneLine(QString text)
{
    text.replace(QLatin1Char('\n'), QStringLiteral(" \u21b5 "));
    return text;
}

void copyToClipboard(const QString& text)
{
    if (QClipboard* clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

QPixmap swatchPixmap(const QColor& color, const QPalette& palette, int size, qreal ratio)
{
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(palette.color(QPalette::WindowText).lighter(ServicePalette::isDark(palette) ? 60 : 100), 0.5));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 2.5, 2.5);
    return pixmap;
}

// The theme's copy icon, or two overlapping sheets drawn in the text colour where there is no theme.
QIcon copyIcon(const QPalette& palette)
{
    QIcon themed = QIcon::fromTheme(QStringLiteral("edit-copy"));
    if (!themed.isNull())
        return themed;
    QIcon icon;
    for (int size : { 16, 32 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal unit = size / 16.0;
        QPen pen(palette.color(QPalette::ButtonText), 1.2 * unit);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(QRectF(2.5 * unit, 2.5 * unit, 8 * unit, 9 * unit), 1.5 * unit, 1.5 * unit);
        painter.setBrush(palette.color(QPalette::Button));
        painter.drawRoundedRect(QRectF(5.5 * unit, 5 * unit, 8 * unit, 9 * unit), 1.5 * unit, 1.5 * unit);
        icon.addPixmap(pixmap);
    }
    return icon;
}

QFont monospaceFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(QApplication::font().pointSizeF());
    return font;
}

QLabel* makeValueLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    // Ignored: a long unbroken value must not widen the dock; height for width keeps wrapped text whole.
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    label->setSizePolicy(policy);
    return label;
}

// A selectable monospace id with a copy button and a "Copy" context menu; the label's "copyText"
// property holds the full id (the label may show a placeholder instead).
// name: what the id is ("Trace ID"), for screen readers.
QWidget* makeIdField(QLabel*& label, const QString& objectName, const QString& name, QWidget* parent,
    QToolButton** extraButton = nullptr)
{
    auto* field = new QWidget(parent);
    auto* layout = new QHBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    label = new QLabel(field);
    label->setObjectName(objectName);
    label->setFont(monospaceFont());
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setContextMenuPolicy(Qt::CustomContextMenu);
    QLabel* idLabel = label;
    QObject::connect(label, &QLabel::customContextMenuRequested, label, [idLabel](const QPoint& position) {
        QMenu menu(idLabel);
        const QString full = idLabel->property("copyText").toString();
        QAction* copy = menu.addAction(QIcon::fromTheme(QStringLiteral("edit-copy")), SpanDetailPanel::tr("Copy"));
        copy->setEnabled(!full.isEmpty());
        QObject::connect(copy, &QAction::triggered, idLabel, [full] { copyToClipboard(full); });
        if (idLabel->hasSelectedText() && idLabel->selectedText() != full) {
            const QString selected = idLabel->selectedText();
            menu.addAction(SpanDetailPanel::tr("Copy Selection"), idLabel, [selected] { copyToClipboard(selected); });
        }
        menu.exec(idLabel->mapToGlobal(position));
    });
    layout->addWidget(label, 1);
    // Small buttons, so that id rows are no taller than the text rows around them.
    const int buttonSize = label->fontMetrics().height() + 4;
    if (extraButton) {
        *extraButton = new QToolButton(field);
        (*extraButton)->setAutoRaise(true);
        (*extraButton)->setIconSize(QSize(12, 12));
        (*extraButton)->setFixedSize(buttonSize, buttonSize);
        layout->addWidget(*extraButton);
    }
    auto* copyButton = new QToolButton(field);
    copyButton->setObjectName(objectName + QStringLiteral("Copy"));
    copyButton->setProperty("paintedCopyIcon", true);
    copyButton->setAutoRaise(true);
    copyButton->setIcon(copyIcon(parent->palette()));
    copyButton->setIconSize(QSize(12, 12));
    copyButton->setFixedSize(buttonSize, buttonSize);
    copyButton->setToolTip(SpanDetailPanel::tr("Copy"));
    copyButton->setAccessibleName(SpanDetailPanel::tr("Copy %1").arg(name));
    QObject::connect(copyButton, &QToolButton::clicked, label,
        [idLabel] { copyToClipboard(idLabel->property("copyText").toString()); });
    layout->addWidget(copyButton);
    return field;
}

void setId(QLabel* label, const QString& id, const QString& placeholder = {})
{
    label->setProperty("copyText", id);
    label->setText(id.isEmpty() ? placeholder : id);
    label->setForegroundRole(id.isEmpty() ? QPalette::PlaceholderText : QPalette::WindowText);
    if (QWidget* field = label->parentWidget()) {
        for (QToolButton* button : field->findChildren<QToolButton*>()) {
            if (button->objectName().endsWith(QLatin1String("Copy")))
                button->setEnabled(!id.isEmpty());
        }
    }
}

QTableView* makeAttributeView(AttributeTableModel* model, const QString& objectName, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->sortByColumn(AttributeTableModel::KeyColumn, Qt::AscendingOrder);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView* header = view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(AttributeTableModel::KeyColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(AttributeTableModel::ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(AttributeTableModel::TypeColumn, QHeaderView::ResizeToContents);
    header->resizeSection(AttributeTableModel::KeyColumn, view->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 22);

    auto selectedRows = [view] {
        QList<int> rows;
        for (const QModelIndex& index : view->selectionModel()->selectedRows())
            rows.append(index.row());
        if (rows.isEmpty() && view->currentIndex().isValid())
            rows.append(view->currentIndex().row());
        return rows;
    };
    auto* copyValue
        = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), SpanDetailPanel::tr("Copy Value"), view);
    copyValue->setShortcut(QKeySequence::Copy);
    copyValue->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(copyValue, &QAction::triggered, view,
        [model, selectedRows] { copyToClipboard(model->valuesText(selectedRows())); });
    view->addAction(copyValue);
    auto* copyKeyValue = new QAction(SpanDetailPanel::tr("Copy Key and Value"), view);
    QObject::connect(copyKeyValue, &QAction::triggered, view,
        [model, selectedRows] { copyToClipboard(model->keyValuesText(selectedRows())); });
    view->addAction(copyKeyValue);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(
        view, &QWidget::customContextMenuRequested, view, [view, copyValue, copyKeyValue](const QPoint& position) {
            if (!view->indexAt(position).isValid())
                return;
            QMenu menu(view);
            menu.addAction(copyValue);
            menu.addAction(copyKeyValue);
            menu.exec(view->viewport()->mapToGlobal(position));
        });
    return view;
}

QTreeWidget* makeTree(const QString& objectName, QWidget* parent)
{
    auto* tree = new QTreeWidget(parent);
    tree->setObjectName(objectName);
    tree->setAlternatingRowColors(false);
    tree->setUniformRowHeights(true);
    tree->setWordWrap(false);
    tree->setTextElideMode(Qt::ElideRight);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    tree->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    auto* copy = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), SpanDetailPanel::tr("Copy"), tree);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(copy, &QAction::triggered, tree, [tree] {
        if (QTreeWidgetItem* item = tree->currentItem())
            copyToClipboard(item->data(0, CopyTextRole).toString());
    });
    tree->addAction(copy);
    return tree;
}

QTreeWidgetItem* addPlaceholder(QTreeWidgetItem* parent, QTreeWidget* tree, const QString& text)
{
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, text);
    item->setFirstColumnSpanned(true);
    item->setFlags(Qt::ItemIsEnabled);
    item->setForeground(0, tree->palette().brush(QPalette::PlaceholderText));
    QFont font = tree->font();
    font.setItalic(true);
    item->setFont(0, font);
    return item;
}

void addAttributeItems(QTreeWidgetItem* parent, const Attributes& attributes, uint32_t dropped, QTreeWidget* tree)
{
    for (const Attribute& attribute : attributes) {
        auto* child = new QTreeWidgetItem(parent);
        const QString key = QString::fromStdString(attribute.key);
        const QString value = QString::fromStdString(attribute.value.toText());
        child->setText(0, key);
        child->setText(1, oneLine(value));
        child->setToolTip(0, key);
        child->setToolTip(1, value.left(2000));
        child->setData(0, CopyTextRole, value);
    }
    if (dropped > 0)
        addPlaceholder(parent, tree, SpanDetailPanel::tr("%n attributes dropped by the sender", nullptr, int(dropped)));
}

QString kindText(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Unspecified:
        return SpanDetailPanel::tr("unspecified");
    case SpanKind::Internal:
        return SpanDetailPanel::tr("internal");
    case SpanKind::Server:
        return SpanDetailPanel::tr("server");
    case SpanKind::Client:
        return SpanDetailPanel::tr("client");
    case SpanKind::Producer:
        return SpanDetailPanel::tr("producer");
    case SpanKind::Consumer:
        return SpanDetailPanel::tr("consumer");
    }
    return {};
}

QLabel* makeFormLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QColor warningBackground(const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Window);
    const QColor amber(0xf0, 0xb0, 0x20);
    const qreal share = ServicePalette::isDark(palette) ? 0.22 : 0.28;
    return QColor::fromRgbF(base.redF() * (1 - share) + amber.redF() * share,
        base.greenF() * (1 - share) + amber.greenF() * share, base.blueF() * (1 - share) + amber.blueF() * share);
}

} // namespace

SpanDetailPanel::SpanDetailPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_message = new QLabel(m_stack);
    m_message->setObjectName(QStringLiteral("emptyStateLabel"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setMargin(24);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_message);

    auto* details = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(details);
    layout->setContentsMargins(10, 10, 10, 6);
    layout->setSpacing(8);

    m_operation = makeValueLabel(details, QStringLiteral("operationLabel"));
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_operation->setFont(titleFont);
    layout->addWidget(m_operation);

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(4);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    auto* serviceRow = new QWidget(details);
    auto* serviceLayout = new QHBoxLayout(serviceRow);
    serviceLayout->setContentsMargins(0, 0, 0, 0);
    serviceLayout->setSpacing(6);
    m_swatch = new QLabel(serviceRow);
    m_swatch->setObjectName(QStringLiteral("serviceSwatch"));
    serviceLayout->addWidget(m_swatch);
    m_service = makeValueLabel(serviceRow, QStringLiteral("serviceLabel"));
    serviceLayout->addWidget(m_service, 1);
    form->addRow(makeFormLabel(tr("Service"), details), serviceRow);

    m_kind = makeValueLabel(details, QStringLiteral("kindLabel"));
    form->addRow(makeFormLabel(tr("Kind"), details), m_kind);
    m_status = makeValueLabel(details, QStringLiteral("statusLabel"));
    form->addRow(makeFormLabel(tr("Status"), details), m_status);
    m_duration = makeValueLabel(details, QStringLiteral("durationLabel"));
    form->addRow(makeFormLabel(tr("Duration"), details), m_duration);
    m_start = makeValueLabel(details, QStringLiteral("startLabel"));
    form->addRow(makeFormLabel(tr("Start"), details), m_start);

    form->addRow(makeFormLabel(tr("Trace ID"), details),
        makeIdField(m_traceId, QStringLiteral("traceIdLabel"), tr("Trace ID"), details));
    form->addRow(makeFormLabel(tr("Span ID"), details),
        makeIdField(m_spanId, QStringLiteral("spanIdLabel"), tr("Span ID"), details));
    QToolButton* goToParent = nullptr;
    form->addRow(makeFormLabel(tr("Parent ID"), details),
        makeIdField(m_parentId, QStringLiteral("parentIdLabel"), tr("Parent ID"), details, &goToParent));
    goToParent->setObjectName(QStringLiteral("goToParentButton"));
    goToParent->setAccessibleName(tr("Go to the parent span"));
    goToParent->setIcon(QIcon::fromTheme(QStringLiteral("go-up"), style()->standardIcon(QStyle::SP_ArrowUp)));
    goToParent->setToolTip(tr("Select the parent span"));
    connect(goToParent, &QToolButton::clicked, this, [this] {
        if (m_document && m_span >= 0 && m_span < m_document->index().size()) {
            const int32_t parent = m_document->index().parent[size_t(m_span)];
            if (parent >= 0)
                m_document->setCurrentSpan(parent);
        }
    });
    layout->addLayout(form);

    m_warningsFrame = new QFrame(details);
    m_warningsFrame->setObjectName(QStringLiteral("warningsFrame"));
    m_warningsFrame->setAutoFillBackground(true);
    m_warningsFrame->setFrameShape(QFrame::NoFrame);
    auto* warningsLayout = new QHBoxLayout(m_warningsFrame);
    warningsLayout->setContentsMargins(8, 6, 8, 6);
    warningsLayout->setSpacing(8);
    m_warningsIcon = new QLabel(m_warningsFrame);
    m_warningsIcon->setAlignment(Qt::AlignTop);
    warningsLayout->addWidget(m_warningsIcon);
    m_warnings = makeValueLabel(m_warningsFrame, QStringLiteral("warningsLabel"));
    warningsLayout->addWidget(m_warnings, 1);
    layout->addWidget(m_warningsFrame);

    m_tabs = new QTabWidget(details);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideNone);

    m_attributes = new AttributeTableModel(this);
    m_attributesView = makeAttributeView(m_attributes, QStringLiteral("attributesView"), m_tabs);
    m_attributesView->setAccessibleName(tr("Span attributes"));
    m_tabs->addTab(m_attributesView, QString());

    m_events = makeTree(QStringLiteral("eventsTree"), m_tabs);
    m_events->setAccessibleName(tr("Span events"));
    m_events->setHeaderLabels({ tr("Field"), tr("Value") });
    m_events->header()->setStretchLastSection(true);
    m_events->header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_events->header()->resizeSection(0, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 22);
    m_events->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tabs->addTab(m_events, QString());

    m_links = makeTree(QStringLiteral("linksTree"), m_tabs);
    m_links->setAccessibleName(tr("Span links"));
    m_links->setHeaderHidden(true);
    m_links->setColumnCount(1);
    m_links->setMouseTracking(true);
    m_links->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_links, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) { followLink(item); });
    // The keyboard's way to follow a link (not itemActivated: a double click would follow two links,
    // the second one in the tree of the span the first click opened).
    auto* follow = new QShortcut(QKeySequence(Qt::Key_Return), m_links, nullptr, nullptr, Qt::WidgetShortcut);
    connect(follow, &QShortcut::activated, this, [this] { followLink(m_links->currentItem()); });
    connect(m_links, &QTreeWidget::itemEntered, this, [this](QTreeWidgetItem* item) {
        const bool navigable = item && item->data(0, TargetRole).toInt() != NoTarget;
        m_links->viewport()->setCursor(navigable ? Qt::PointingHandCursor : Qt::ArrowCursor);
    });
    m_tabs->addTab(m_links, QString());

    auto* process = new QWidget(m_tabs);
    auto* processLayout = new QVBoxLayout(process);
    processLayout->setContentsMargins(0, 8, 0, 0);
    processLayout->setSpacing(6);
    m_resourceTitle = makeValueLabel(process, QStringLiteral("resourceTitle"));
    m_resourceTitle->setTextFormat(Qt::RichText);
    processLayout->addWidget(m_resourceTitle);
    m_resourceAttributes = new AttributeTableModel(this);
    QTableView* resourceView = makeAttributeView(m_resourceAttributes, QStringLiteral("resourceView"), process);
    resourceView->setAccessibleName(tr("Resource attributes"));
    processLayout->addWidget(resourceView, 2);
    m_scopeTitle = makeValueLabel(process, QStringLiteral("scopeTitle"));
    m_scopeTitle->setTextFormat(Qt::RichText);
    processLayout->addWidget(m_scopeTitle);
    m_scopeAttributes = new AttributeTableModel(this);
    m_scopeView = makeAttributeView(m_scopeAttributes, QStringLiteral("scopeView"), process);
    m_scopeView->setAccessibleName(tr("Instrumentation scope attributes"));
    processLayout->addWidget(m_scopeView, 1);
    processLayout->addStretch(0);
    m_tabs->addTab(process, tr("Process"));

    layout->addWidget(m_tabs, 1);
    m_stack->addWidget(details);

    updateTabTitles();
    setDocument(nullptr);
}

SpanDetailPanel::~SpanDetailPanel() = default;

void SpanDetailPanel::setDocument(TraceDocument* document)
{
    if (document == m_document && document)
        return;
    detach();
    m_document = document;
    if (m_document) {
        connect(m_document, &TraceDocument::currentSpanChanged, this, &SpanDetailPanel::showSpan);
        connect(m_document, &QObject::destroyed, this, [this] {
            m_document = nullptr; // its connections are gone already
            m_record.reset();
            m_span = -1;
            showMessage(tr("No trace is open.\nOpen a trace to see the details of its spans here."));
        });
        showSpan(m_document->currentSpan());
    } else {
        m_record.reset();
        m_span = -1;
        showMessage(tr("No trace is open.\nOpen a trace to see the details of its spans here."));
    }
}

void SpanDetailPanel::detach()
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = nullptr;
}

void SpanDetailPanel::showMessage(const QString& text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

void SpanDetailPanel::showSpan(int32_t span)
{
    m_span = span;
    m_record.reset();
    if (!m_document)
        return;
    if (span < 0 || span >= m_document->index().size()) {
        m_span = -1;
        showMessage(tr("Select a span in the timeline to see its details."));
        return;
    }
    // One connection serves both the record and the cache-wide lookup of incoming links.
    std::unique_ptr<TraceStore> store = TraceStore::open(m_document->databasePath(), nullptr);
    if (store)
        m_record = store->loadSpan(m_document->index().rowId[size_t(span)]);
    if (!m_record) {
        showMessage(tr("The details of this span could not be read from the cache."));
        return;
    }
    fillHeader(*m_record);
    fillWarnings(*m_record);
    m_attributes->setAttributes(m_record->attributes);
    fillEvents(*m_record);
    fillLinks(*m_record);
    if (store) {
        // Incoming links: other spans, in any cached trace, that point at this one.
        const std::vector<SpanReference> incoming = store->spansLinkingTo(m_record->traceId, m_record->spanId);
        const TraceIndex& index = m_document->index();
        auto* group = new QTreeWidgetItem(m_links);
        group->setText(0, tr("Spans linking here (%1)").arg(incoming.size()));
        group->setData(0, CopyTextRole, group->text(0));
        QFont bold = m_links->font();
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
        for (const SpanReference& reference : incoming) {
            auto* item = new QTreeWidgetItem(group);
            const QString spanHex = hexId(reference.spanId);
            const QString traceHex = QString::fromStdString(reference.traceId.toHex());
            const bool sameTrace = reference.traceId == index.traceId;
            const int32_t source = sameTrace ? index.findSpan(reference.spanId, reference.side) : -1;
            QString text = reference.operation.isEmpty() ? tr("span %1").arg(spanHex) : reference.operation;
            if (!reference.service.isEmpty())
                text = tr("%1 \u2014 %2").arg(text, reference.service);
            if (!sameTrace)
                text = tr("%1 (trace %2)").arg(text, shortHex(traceHex));
            if (reference.type == LinkType::ChildOf)
                text = tr("%1 \u00b7 child of").arg(text);
            item->setText(0, text);
            item->setData(0, CopyTextRole, spanHex);
            item->setIcon(0,
                QIcon(swatchPixmap(
                    ServicePalette::colorFor(reference.service, palette()), palette(), 10, devicePixelRatioF())));
            if (sameTrace && source >= 0) {
                item->setData(0, TargetRole, SpanInThisTrace);
                item->setData(0, SpanIndexRole, source);
                item->setToolTip(0, tr("Span %1\nClick to select it.").arg(spanHex));
            } else if (!sameTrace) {
                item->setData(0, TargetRole, SpanInOtherTrace);
                item->setData(0, TraceIdRole, traceHex);
                item->setData(0, SpanIdRole, qulonglong(reference.spanId));
                item->setToolTip(0, tr("Span %1 in trace %2\nClick to open that trace.").arg(spanHex, traceHex));
            }
        }
        if (incoming.empty())
            addPlaceholder(group, m_links, tr("No span links to this one"));
        m_linkCount += int(incoming.size());
        // Links read as navigation: the link colour, underlined.
        QFont linkFont = m_links->font();
        linkFont.setUnderline(true);
        for (int g = 0; g < m_links->topLevelItemCount(); ++g) {
            QTreeWidgetItem* top = m_links->topLevelItem(g);
            for (int c = 0; c < top->childCount(); ++c) {
                QTreeWidgetItem* item = top->child(c);
                if (item->data(0, TargetRole).toInt() != NoTarget) {
                    item->setForeground(0, palette().brush(QPalette::Link));
                    item->setFont(0, linkFont);
                }
            }
        }
        m_links->expandAll();
    }
    fillProcess(*m_record);
    updateTabTitles();
    m_stack->setCurrentIndex(1);
}

void SpanDetailPanel::fillHeader(const SpanRecord& record)
{
    const TraceIndex& index = m_document->index();
    const QString operation = QString::fromStdString(record.name);
    m_operation->setText(operation.isEmpty() ? tr("(unnamed span)") : operation);

    const QString service = QString::fromStdString(record.serviceName);
    m_service->setText(service.isEmpty() ? tr("(unknown service)") : service);
    m_swatch->setPixmap(swatchPixmap(ServicePalette::colorFor(service, palette()), palette(), 12, devicePixelRatioF()));

    QString kind = kindText(record.kind);
    if (record.side == SpanSide::SharedServer)
        kind = tr("%1 (server half of a shared span)").arg(kind);
    m_kind->setText(kind);

    QPalette statusPalette = palette();
    const QString message = QString::fromStdString(record.statusMessage);
    switch (record.status) {
    case StatusCode::Error:
        m_status->setText(message.isEmpty() ? tr("Error") : tr("Error: %1").arg(message));
        statusPalette.setColor(QPalette::WindowText, ServicePalette::errorColor(palette()));
        break;
    case StatusCode::Ok:
        m_status->setText(message.isEmpty() ? tr("OK") : tr("OK: %1").arg(message));
        break;
    case StatusCode::Unset:
        m_status->setText(message.isEmpty() ? tr("Unset") : tr("Unset: %1").arg(message));
        statusPalette.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
        break;
    }
    m_status->setPalette(statusPalette);
    QFont statusFont = font();
    statusFont.setBold(record.status == StatusCode::Error);
    m_status->setFont(statusFont);

    QString duration = formatDuration(record.durationNs);
    if (index.traceDurationNs > 0 && record.durationNs >= 0) {
        const double share = 100.0 * double(record.durationNs) / double(index.traceDurationNs);
        duration = tr("%1 (%2% of the trace)").arg(duration, QString::number(share, 'f', share < 10 ? 1 : 0));
    }
    m_duration->setText(duration);
    const int64_t offset = record.startNs - index.traceStartNs;
    const QString relative
        = offset == 0 ? tr("At the trace start") : tr("+%1 after the trace start").arg(formatDuration(offset));
    m_start->setText(relative + QLatin1Char('\n') + formatTimestamp(record.startNs));

    setId(m_traceId, QString::fromStdString(record.traceId.toHex()));
    setId(m_spanId, hexId(record.spanId));
    setId(m_parentId, record.parentSpanId ? hexId(record.parentSpanId) : QString(), tr("none (root span)"));
    const bool hasParent = m_span >= 0 && index.parent[size_t(m_span)] >= 0;
    if (auto* goToParent = findChild<QToolButton*>(QStringLiteral("goToParentButton")))
        goToParent->setEnabled(hasParent);
}

void SpanDetailPanel::fillWarnings(const SpanRecord& record)
{
    const TraceIndex& index = m_document->index();
    QStringList lines;
    if (index.has(m_span, TraceIndex::Orphan))
        lines.append(
            tr("Its parent span %1 is not in this trace, so it is shown as a root.").arg(hexId(record.parentSpanId)));
    if (index.has(m_span, TraceIndex::Cycle))
        lines.append(tr("Its chain of parents loops back to itself; the loop was cut here."));
    if (index.has(m_span, TraceIndex::StartsBeforeParent))
        lines.append(tr("It starts before its parent: the hosts' clocks may be skewed."));
    if (index.has(m_span, TraceIndex::EndsAfterParent))
        lines.append(tr("It ends after its parent: clock skew, or work that outlived the parent."));
    for (const std::string& warning : record.warnings)
        lines.append(QString::fromStdString(warning));
    if (record.droppedAttributes > 0)
        lines.append(tr("The sender dropped %n attributes.", nullptr, int(record.droppedAttributes)));
    if (record.droppedEvents > 0)
        lines.append(tr("The sender dropped %n events.", nullptr, int(record.droppedEvents)));
    if (record.droppedLinks > 0)
        lines.append(tr("The sender dropped %n links.", nullptr, int(record.droppedLinks)));

    m_warningsFrame->setVisible(!lines.isEmpty());
    if (lines.isEmpty()) {
        m_warnings->clear();
        return;
    }
    m_warnings->setText(
        lines.size() == 1 ? lines.front() : QStringLiteral("\u2022 ") + lines.join(QStringLiteral("\n\u2022 ")));
    QPalette framePalette = palette();
    framePalette.setColor(QPalette::Window, warningBackground(palette()));
    m_warningsFrame->setPalette(framePalette);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_warningsIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
}

void SpanDetailPanel::fillEvents(const SpanRecord& record)
{
    m_events->clear();
    const int64_t traceStart = m_document->index().traceStartNs;
    QFont bold = m_events->font();
    bold.setBold(true);
    int childCount = 0;
    for (const SpanEvent& event : record.events) {
        auto* item = new QTreeWidgetItem(m_events);
        const QString name = QString::fromStdString(event.name);
        item->setText(0, tr("+%1   %2").arg(formatDuration(event.timeNs - traceStart), oneLine(name)));
        item->setFont(0, bold);
        item->setFirstColumnSpanned(true);
        if (name.compare(QLatin1String("exception"), Qt::CaseInsensitive) == 0)
            item->setForeground(0, ServicePalette::errorColor(palette()));
        item->setData(0, CopyTextRole, name);
        item->setToolTip(0,
            tr("%1\n+%2 after the trace start, +%3 after the span start")
                .arg(formatTimestamp(event.timeNs), formatDuration(event.timeNs - traceStart),
                    formatDuration(event.timeNs - record.startNs)));
        addAttributeItems(item, event.attributes, event.droppedAttributes, m_events);
        childCount += int(event.attributes.size());
    }
    if (record.events.empty())
        addPlaceholder(nullptr, m_events, tr("This span has no events or logs"));
    // Expanded, a long log would push the later events far down; collapsed, each line is one click away.
    if (childCount <= 200)
        m_events->expandAll();
    // Keys as wide as they need, up to half the width, so that values keep room. Measured here: the tree
    // lays out its items only once shown, and neither it nor its tab may have a size yet.
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    int keyWidth = 0;
    for (int e = 0; e < m_events->topLevelItemCount(); ++e) {
        QTreeWidgetItem* item = m_events->topLevelItem(e);
        for (int c = 0; c < item->childCount(); ++c)
            keyWidth = std::max(keyWidth, m_events->fontMetrics().horizontalAdvance(item->child(c)->text(0)));
    }
    keyWidth += 2 * m_events->indentation() + charWidth * 2;
    m_events->setColumnWidth(0, std::clamp(keyWidth, charWidth * 14, std::max(charWidth * 14, width() / 2)));
}

void SpanDetailPanel::fillLinks(const SpanRecord& record)
{
    m_links->clear();
    const TraceIndex& index = m_document->index();
    auto* group = new QTreeWidgetItem(m_links);
    group->setText(0, tr("Links from this span (%1)").arg(record.links.size()));
    group->setData(0, CopyTextRole, group->text(0));
    QFont bold = m_links->font();
    bold.setBold(true);
    group->setFont(0, bold);
    group->setFlags(Qt::ItemIsEnabled);
    for (const SpanLink& link : record.links) {
        auto* item = new QTreeWidgetItem(group);
        const QString spanHex = hexId(link.spanId);
        const bool sameTrace = link.traceId.isZero() || link.traceId == index.traceId;
        const QString traceHex = QString::fromStdString((sameTrace ? index.traceId : link.traceId).toHex());
        item->setData(0, CopyTextRole, spanHex);
        QString text;
        if (sameTrace) {
            const int32_t target = index.findSpan(link.spanId);
            if (target >= 0) {
                text = tr("%1 \u2014 %2").arg(index.operationName(target), index.serviceName(target));
                item->setIcon(0,
                    QIcon(swatchPixmap(ServicePalette::colorFor(index.serviceName(target), palette()), palette(), 10,
                        devicePixelRatioF())));
                item->setData(0, TargetRole, SpanInThisTrace);
                item->setData(0, SpanIndexRole, target);
                item->setToolTip(0, tr("Span %1\nClick to select it.").arg(spanHex));
            } else {
                text = tr("span %1 (not in this trace)").arg(spanHex);
                item->setForeground(0, palette().brush(QPalette::PlaceholderText));
                item->setToolTip(0, tr("The linked span %1 was not imported.").arg(spanHex));
            }
        } else {
            text = tr("span %1 in trace %2").arg(shortHex(spanHex), shortHex(traceHex));
            item->setIcon(
                0, QIcon::fromTheme(QStringLiteral("go-jump"), style()->standardIcon(QStyle::SP_ArrowForward)));
            item->setData(0, TargetRole, SpanInOtherTrace);
            item->setData(0, TraceIdRole, traceHex);
            item->setData(0, SpanIdRole, qulonglong(link.spanId));
            item->setToolTip(0, tr("Span %1 in trace %2\nClick to open that trace.").arg(spanHex, traceHex));
        }
        if (link.type == LinkType::ChildOf)
            text = tr("%1 \u00b7 child of").arg(text);
        item->setText(0, text);
        for (const Attribute& attribute : link.attributes) {
            auto* child = new QTreeWidgetItem(item);
            const QString value = QString::fromStdString(attribute.value.toText());
            child->setText(0, tr("%1 = %2").arg(QString::fromStdString(attribute.key), oneLine(value)));
            child->setToolTip(0, value.left(2000));
            child->setData(0, CopyTextRole, value);
        }
        if (link.droppedAttributes > 0)
            addPlaceholder(
                item, m_links, tr("%n attributes dropped by the sender", nullptr, int(link.droppedAttributes)));
    }
    if (record.links.empty())
        addPlaceholder(group, m_links, tr("This span links to no other span"));
    m_linkCount = int(record.links.size());
}

void SpanDetailPanel::fillProcess(const SpanRecord& record)
{
    const Resource* resource = record.resource.get();
    const QString service = resource ? QString::fromStdString(resource->serviceName) : QString();
    m_resourceTitle->setText(
        service.isEmpty() ? tr("<b>Resource</b>") : tr("<b>Resource</b> &nbsp;%1").arg(service.toHtmlEscaped()));
    m_resourceAttributes->setAttributes(resource ? resource->attributes : Attributes());

    const InstrumentationScope* scope = record.scope.get();
    QString scopeText = tr("<b>Instrumentation scope</b>");
    if (scope && !scope->name.empty()) {
        scopeText += QStringLiteral(" &nbsp;") + QString::fromStdString(scope->name).toHtmlEscaped();
        if (!scope->version.empty())
            scopeText += QStringLiteral(" &nbsp;")
                + tr("version %1").arg(QString::fromStdString(scope->version).toHtmlEscaped());
    } else {
        scopeText += QStringLiteral(" &nbsp;") + tr("<i>not recorded</i>");
    }
    m_scopeTitle->setText(scopeText);
    m_scopeAttributes->setAttributes(scope ? scope->attributes : Attributes());
    m_scopeView->setVisible(scope && !scope->attributes.empty());
}

void SpanDetailPanel::followLink(QTreeWidgetItem* item)
{
    if (!item || !m_document)
        return;
    const int target = item->data(0, TargetRole).toInt();
    if (target == SpanInThisTrace) {
        const int32_t span = item->data(0, SpanIndexRole).toInt();
        // Later: selecting rebuilds this tree, which must not happen inside its own click handler.
        QMetaObject::invokeMethod(
            this,
            [this, span] {
                if (m_document)
                    m_document->setCurrentSpan(span);
            },
            Qt::QueuedConnection);
    } else if (target == SpanInOtherTrace) {
        const std::optional<TraceId> traceId = TraceId::fromHex(item->data(0, TraceIdRole).toString().toStdString());
        const SpanId spanId = item->data(0, SpanIdRole).toULongLong();
        if (traceId) {
            QMetaObject::invokeMethod(
                this, [this, id = *traceId, spanId] { emit openTraceRequested(id, spanId); }, Qt::QueuedConnection);
        }
    }
}

void SpanDetailPanel::updateTabTitles()
{
    const bool haveRecord = m_record.has_value();
    m_tabs->setTabText(0, haveRecord ? tr("Attributes (%1)").arg(m_record->attributes.size()) : tr("Attributes"));
    m_tabs->setTabText(1, haveRecord ? tr("Events (%1)").arg(m_record->events.size()) : tr("Events"));
    m_tabs->setTabText(2, haveRecord ? tr("Links (%1)").arg(m_linkCount) : tr("Links"));
}

void SpanDetailPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    for (QToolButton* button : findChildren<QToolButton*>()) {
        if (button->property("paintedCopyIcon").toBool())
            button->setIcon(copyIcon(palette()));
    }
    // Swatches, the status and warning colours are computed from the palette: redo them.
    if (m_document && m_span >= 0)
        showSpan(m_span);
}

} // namespace skein
