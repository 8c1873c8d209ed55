// SPDX-License-Identifier: MIT
#pragma once

#include "tracestore.h"

#include <QWidget>

#include <optional>

class QLabel;
class QSplitter;
class QTableView;

namespace skein {

class SearchForm;
class TraceListModel;
class TraceScatterChart;

// The "Search" tab: a form, the matching traces as a scatter chart and a table. Queries run on a
// worker thread with their own connection to the cache; only the newest search's results are shown.
class SearchPanel : public QWidget {
    Q_OBJECT
public:
    explicit SearchPanel(QString databasePath, QWidget* parent = nullptr);
    ~SearchPanel() override;

    // Reloads the service and operation lists and repeats the last search (after an import).
    void refresh();
    // Searches with the form's filter; does nothing but explain when some field is invalid.
    void search();
    void setFilter(const TraceFilter& filter);
    // The filter the form describes now; invalid fields are left out (inputProblem() says which).
    TraceFilter currentFilter() const;
    QString inputProblem() const;

    bool isSearching() const { return m_pendingSearches > 0; }
    int resultCount() const;
    std::optional<TraceId> selectedTrace() const;
    void selectTrace(const TraceId& traceId);

    TraceListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    TraceScatterChart* chart() const { return m_chart; }
    SearchForm* form() const { return m_form; }

signals:
    void openTraceRequested(const skein::TraceId& traceId);
    void resultsChanged(int count);

private:
    struct SearchResult;
    struct Choices;

    void loadChoices(bool allServices);
    void applyChoices(const Choices& choices);
    void showResults(SearchResult& result);
    void currentRowChanged();
    void saveLayout() const;

    QString m_databasePath;
    SearchForm* m_form = nullptr;
    TraceListModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    TraceScatterChart* m_chart = nullptr;
    QSplitter* m_splitter = nullptr;
    QLabel* m_status = nullptr;
    uint64_t m_searchGeneration = 0;
    uint64_t m_shownGeneration = 0; // the newest search whose results are on show
    uint64_t m_choicesGeneration = 0;
    int m_pendingSearches = 0;
    int m_lastLimit = 0;
    bool m_searchedOnce = false;
};

} // namespace skein
