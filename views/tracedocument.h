// SPDX-License-Identifier: MIT
// One open trace, shared by every view that shows it (timeline, span detail, log inspector): the index,
// the details read in the background, the current span, search matches and the service filter.
// Views change the state through the setters and follow it through the signals, so a selection made
// in one view shows in all the others.
#pragma once

#include "tracecontent.h"
#include "traceindex.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace skein {

class DetailTextFile;
struct SpanRecord;

class TraceDocument : public QObject {
    Q_OBJECT
public:
    // databasePath: the cache the index came from; details are read from it on worker threads.
    TraceDocument(std::shared_ptr<const TraceIndex> index, QString databasePath, QObject* parent = nullptr);
    // With the details read in the same pass as the index (TraceContent::loadWithIndex()): loadContent() only
    // announces them (contentLoaded(), once control is back in the event loop).
    TraceDocument(
        std::shared_ptr<const TraceIndex> index, QString databasePath, TraceContent content, QObject* parent = nullptr);
    ~TraceDocument() override;

    const TraceIndex& index() const { return *m_index; }
    std::shared_ptr<const TraceIndex> sharedIndex() const { return m_index; }
    QString databasePath() const { return m_databasePath; }

    // Null until the background read of every span's details has finished (contentLoaded()).
    const TraceContent* content() const { return m_content ? &*m_content : nullptr; }
    // Starts that read; called by the constructor's owner once the document is wired up.
    void loadContent();
    // Traces with more spans than this keep no search text in memory (see TraceContent); before loadContent().
    void setSearchTextLimit(int32_t spans) { m_searchTextLimit = spans; }

    int32_t currentSpan() const { return m_currentSpan; }
    void setCurrentSpan(int32_t span); // -1: none
    // Asks for the details of the current span to be shown (Enter, double click).
    void activateCurrentSpan();
    // The full record of a span, read from the cache now (one row: fast enough for the GUI thread).
    std::optional<SpanRecord> loadSpan(int32_t span) const;

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString& text); // empty: no search
    const std::vector<int32_t>& searchMatches() const { return m_matches; } // ascending span indexes
    // True while the details of a big trace (no search text kept in memory) are searched in the background:
    // names, services and ids have matched already; the rest arrive as they are found (searchResultsChanged()),
    // even while the details are still being read.
    bool isSearchingDetails() const { return m_detailSearch != nullptr; }
    bool isSearchMatch(int32_t span) const;
    // Moves the current span to the next or previous match (wrapping); false when there is none.
    bool goToMatch(bool forward);

    // Services whose spans are hidden (by index into index().serviceNames).
    const std::vector<uint8_t>& hiddenServices() const { return m_hiddenServices; }
    bool isServiceHidden(uint16_t service) const { return m_hiddenServices[service] != 0; }
    void setHiddenServices(std::vector<uint8_t> hidden); // sized like serviceNames

signals:
    void currentSpanChanged(int32_t span);
    void spanActivated(int32_t span);
    void contentLoaded();
    void searchResultsChanged();
    void serviceFilterChanged();

private:
    void runSearch();
    void startDetailSearch();
    void addMatches(const std::vector<int32_t>& found);
    void stopDetailSearch();

    std::shared_ptr<const TraceIndex> m_index;
    QString m_databasePath;
    std::optional<TraceContent> m_content;
    QFutureWatcher<std::shared_ptr<TraceContent>>* m_contentWatcher = nullptr;
    bool m_contentAnnounced = false; // for content given to the constructor
    std::shared_ptr<std::atomic<bool>> m_cancel;
    int32_t m_currentSpan = -1;
    int32_t m_searchTextLimit = TraceContent::defaultSearchTextLimit;
    QString m_searchText;
    std::vector<int32_t> m_matches;
    // While the details of a big trace are read: the file their search text is written to.
    std::shared_ptr<DetailTextFile> m_growingTextFile;
    // Each result is a batch of matches, in ascending order.
    QFutureWatcher<std::vector<int32_t>>* m_detailSearch = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancelDetailSearch;
    bool m_detailsSearched = false; // the current search text's detail matches are all in m_matches
    // Detail searches wait for the details being read: on threads of their own, not the shared pool's.
    QThreadPool m_detailSearchThreads;
    std::vector<uint8_t> m_hiddenServices;
};

} // namespace skein
