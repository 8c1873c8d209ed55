// SPDX-License-Identifier: MIT
#include "tracedocument.h"

#include "backgroundthreads.h"
#include "detailtextfile.h"
#include "memoryrelease.h"
#include "spanbyrow.h"
#include "tracestore.h"

#include <QtConcurrent>

#include <algorithm>
#include <iterator>

namespace skein {

namespace {

// How long a detail search waits for the details being read before it looks at its cancel flag again.
constexpr std::chrono::milliseconds detailWaitSlice(20);

// The spans of a big trace whose details match needle, in batches as they are found: first from the search
// text file while the details are read into it, else (no file could be written) by scanning the cache.
void searchDetails(QPromise<std::vector<int32_t>>& promise, std::shared_ptr<const DetailTextFile> textFile,
    std::shared_ptr<const TraceIndex> index, QString databasePath, QString needle,
    std::shared_ptr<std::atomic<bool>> cancel)
{
    if (textFile) {
        const std::string folded = TraceContent::foldedNeedle(needle);
        const SpanByRow spanByRow(*index); // the file's records are keyed by row id
        size_t searched = 0; // bytes of whole records
        DetailTextFile::SearchState state; // resources matched in the ranges searched so far
        while (!cancel->load()) {
            const DetailTextFile::Progress progress = textFile->waitForMore(searched, detailWaitSlice);
            if (progress.bytes > searched) {
                const std::optional<std::vector<int64_t>> rows
                    = textFile->searchRange(searched, progress.bytes, folded, cancel.get(), &state);
                if (!rows)
                    break;
                if (std::vector<int32_t> found = TraceContent::spansOfRows(spanByRow, *rows); !found.empty())
                    promise.addResult(std::move(found));
                searched = progress.bytes;
            } else if (progress.ended) {
                if (progress.complete)
                    return;
                break; // the file will never hold every span
            }
        }
    }
    if (cancel->load())
        return;
    std::unique_ptr<TraceStore> store = TraceStore::open(databasePath, nullptr);
    if (!store)
        return;
    std::optional<std::vector<int32_t>> found = TraceContent::scanDetails(*store, *index, needle, cancel.get());
    if (found && !found->empty())
        promise.addResult(std::move(*found));
}

} // namespace

TraceDocument::TraceDocument(std::shared_ptr<const TraceIndex> index, QString databasePath, QObject* parent)
    : QObject(parent)
    , m_index(std::move(index))
    , m_databasePath(std::move(databasePath))
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
    , m_hiddenServices(m_index->serviceNames.size(), 0)
{
    // One search runs, and a replaced one may still be winding down.
    m_detailSearchThreads.setMaxThreadCount(2);
}

TraceDocument::TraceDocument(
    std::shared_ptr<const TraceIndex> index, QString databasePath, TraceContent content, QObject* parent)
    : TraceDocument(std::move(index), std::move(databasePath), parent)
{
    m_content = std::move(content);
}

TraceDocument::~TraceDocument()
{
    m_cancel->store(true);
    stopDetailSearch();
    if (m_contentWatcher) {
        m_contentWatcher->disconnect(this);
        // The worker holds its own copies of what it needs; it ends soon after seeing the cancel flag.
        m_contentWatcher->waitForFinished();
    }
    m_detailSearchThreads.waitForDone(); // searches that were replaced end at their next look at the flag
}

void TraceDocument::loadContent()
{
    if (m_contentWatcher || m_contentAnnounced)
        return;
    if (m_content) {
        // Read with the index: announced as a background read would be, after the views are wired up.
        m_contentAnnounced = true;
        QMetaObject::invokeMethod(
            this, [this] { emit contentLoaded(); }, Qt::QueuedConnection);
        return;
    }
    // A big trace's search text goes to a file that a search can read while it grows.
    if (m_index->size() > m_searchTextLimit)
        m_growingTextFile = DetailTextFile::create();
    m_contentWatcher = new QFutureWatcher<std::shared_ptr<TraceContent>>(this);
    connect(m_contentWatcher, &QFutureWatcherBase::finished, this, [this] {
        std::shared_ptr<TraceContent> loaded = m_contentWatcher->result();
        m_growingTextFile.reset();
        if (!loaded)
            return;
        m_content = std::move(*loaded);
        loaded.reset();
        emit contentLoaded();
        // The views that followed (timeline, log table) are set; what the load left behind on this thread goes.
        releaseFreedMemory();
        // A search typed while the details were read goes on by itself, or has found everything.
        if (!m_searchText.isEmpty() && (m_content->hasSearchText() || (!m_detailSearch && !m_detailsSearched)))
            runSearch();
    });
    TraceContent::LoadOptions options;
    options.searchTextLimit = m_searchTextLimit;
    options.textFile = m_growingTextFile;
    m_contentWatcher->setFuture(QtConcurrent::run(backgroundThreads(),
        [index = m_index, path = m_databasePath, cancel = m_cancel, options]() -> std::shared_ptr<TraceContent> {
            std::optional<TraceContent> content;
            {
                std::unique_ptr<TraceStore> store = TraceStore::open(path, nullptr);
                if (!store) {
                    if (options.textFile)
                        options.textFile->abandon();
                    return nullptr;
                }
                content = TraceContent::load(*store, *index, cancel.get(), options);
            }
            // Reading every span's details of a big trace churns through far more memory than it keeps,
            // and the views built meanwhile left their scratch too: give it back to the system.
            releaseFreedMemory();
            return content ? std::make_shared<TraceContent>(std::move(*content)) : nullptr;
        }));
}

void TraceDocument::setCurrentSpan(int32_t span)
{
    if (span < -1 || span >= m_index->size())
        span = -1;
    if (span == m_currentSpan)
        return;
    m_currentSpan = span;
    emit currentSpanChanged(span);
}

void TraceDocument::activateCurrentSpan()
{
    if (m_currentSpan >= 0)
        emit spanActivated(m_currentSpan);
}

std::optional<SpanRecord> TraceDocument::loadSpan(int32_t span) const
{
    if (span < 0 || span >= m_index->size())
        return std::nullopt;
    std::unique_ptr<TraceStore> store = TraceStore::open(m_databasePath, nullptr);
    if (!store)
        return std::nullopt;
    return store->loadSpan(m_index->rowId[size_t(span)]);
}

void TraceDocument::setSearchText(const QString& text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    runSearch();
}

void TraceDocument::stopDetailSearch()
{
    if (!m_detailSearch)
        return;
    m_cancelDetailSearch->store(true);
    m_detailSearch->disconnect(this);
    m_detailSearch->deleteLater(); // its worker ends soon after the cancel flag
    m_detailSearch = nullptr;
}

void TraceDocument::runSearch()
{
    stopDetailSearch();
    m_detailsSearched = false;
    if (m_content && m_content->hasSearchText()) {
        m_matches = m_content->search(*m_index, m_searchText);
    } else {
        // Until the details are read, or for a trace too big to keep their text, names, services and
        // ids match at once; a big trace's details are then searched in the background.
        m_matches = TraceContent::searchNames(*m_index, m_searchText);
        if (m_index->size() > m_searchTextLimit && !m_searchText.trimmed().isEmpty())
            startDetailSearch();
    }
    emit searchResultsChanged();
}

void TraceDocument::startDetailSearch()
{
    m_cancelDetailSearch = std::make_shared<std::atomic<bool>>(false);
    m_detailSearch = new QFutureWatcher<std::vector<int32_t>>(this);
    auto* watcher = m_detailSearch;
    connect(watcher, &QFutureWatcherBase::resultsReadyAt, this, [this, watcher](int begin, int end) {
        for (int i = begin; i < end; ++i)
            addMatches(watcher->resultAt(i));
        emit searchResultsChanged();
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher != m_detailSearch)
            return;
        m_detailSearch = nullptr;
        m_detailsSearched = !m_cancelDetailSearch->load();
        emit searchResultsChanged(); // isSearchingDetails() changed
    });
    // While the details are read, the file they are read into; once read, their file (if any).
    std::shared_ptr<const DetailTextFile> textFile = m_content ? m_content->detailTextFile() : m_growingTextFile;
    watcher->setFuture(QtConcurrent::run(&m_detailSearchThreads, searchDetails, std::move(textFile), m_index,
        m_databasePath, m_searchText, m_cancelDetailSearch));
}

void TraceDocument::addMatches(const std::vector<int32_t>& found)
{
    std::vector<int32_t> merged;
    merged.reserve(m_matches.size() + found.size());
    std::set_union(m_matches.begin(), m_matches.end(), found.begin(), found.end(), std::back_inserter(merged));
    m_matches = std::move(merged);
}

bool TraceDocument::isSearchMatch(int32_t span) const
{
    return std::binary_search(m_matches.begin(), m_matches.end(), span);
}

bool TraceDocument::goToMatch(bool forward)
{
    if (m_matches.empty())
        return false;
    int32_t target;
    if (forward) {
        auto it = std::upper_bound(m_matches.begin(), m_matches.end(), m_currentSpan);
        target = it == m_matches.end() ? m_matches.front() : *it;
    } else {
        auto it = std::lower_bound(m_matches.begin(), m_matches.end(), m_currentSpan);
        target = it == m_matches.begin() ? m_matches.back() : *(it - 1);
    }
    setCurrentSpan(target);
    return true;
}

void TraceDocument::setHiddenServices(std::vector<uint8_t> hidden)
{
    hidden.resize(m_index->serviceNames.size(), 0);
    if (hidden == m_hiddenServices)
        return;
    m_hiddenServices = std::move(hidden);
    emit serviceFilterChanged();
}

} // namespace skein
