// SPDX-License-Identifier: MIT
#include "tracedocument.h"

#include "detailtextfile.h"
#include "memoryrelease.h"
#include "tracestore.h"

#include <QtConcurrent>

#include <algorithm>
#include <iterator>

namespace skein {

TraceDocument::TraceDocument(std::shared_ptr<const TraceIndex> index, QString databasePath, QObject* parent)
    : QObject(parent)
    , m_index(std::move(index))
    , m_databasePath(std::move(databasePath))
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
    , m_hiddenServices(m_index->serviceNames.size(), 0)
{
}

TraceDocument::~TraceDocument()
{
    m_cancel->store(true);
    if (m_detailSearch) {
        m_cancelDetailSearch->store(true);
        m_detailSearch->disconnect(this);
        m_detailSearch->waitForFinished();
    }
    if (m_contentWatcher) {
        m_contentWatcher->disconnect(this);
        // The worker holds its own copies of what it needs; it ends soon after seeing the cancel flag.
        m_contentWatcher->waitForFinished();
    }
}

void TraceDocument::loadContent()
{
    if (m_contentWatcher)
        return;
    m_contentWatcher = new QFutureWatcher<std::shared_ptr<TraceContent>>(this);
    connect(m_contentWatcher, &QFutureWatcherBase::finished, this, [this] {
        std::shared_ptr<TraceContent> loaded = m_contentWatcher->result();
        if (!loaded)
            return;
        m_content = std::move(*loaded);
        loaded.reset();
        emit contentLoaded();
        // The views that followed (timeline, log table) are set; what the load left behind on this thread goes.
        releaseFreedMemory();
        if (!m_searchText.isEmpty())
            runSearch();
    });
    m_contentWatcher->setFuture(QtConcurrent::run([index = m_index, path = m_databasePath, cancel = m_cancel,
                                                      limit = m_searchTextLimit]() -> std::shared_ptr<TraceContent> {
        std::optional<TraceContent> content;
        {
            std::unique_ptr<TraceStore> store = TraceStore::open(path, nullptr);
            if (!store)
                return nullptr;
            content = TraceContent::load(*store, *index, cancel.get(), limit);
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

void TraceDocument::runSearch()
{
    if (m_detailSearch) {
        m_cancelDetailSearch->store(true);
        m_detailSearch->disconnect(this);
        m_detailSearch->deleteLater(); // its worker ends soon after the cancel flag
        m_detailSearch = nullptr;
    }
    if (m_content && m_content->hasSearchText()) {
        m_matches = m_content->search(*m_index, m_searchText);
    } else {
        // Until the details are read, or for a trace too big to keep their text, names, services and
        // ids match at once; a big trace's details are then scanned in the cache.
        m_matches = TraceContent::searchNames(*m_index, m_searchText);
        if (m_index->size() > m_searchTextLimit && !m_searchText.trimmed().isEmpty())
            startDetailSearch();
    }
    emit searchResultsChanged();
}

void TraceDocument::startDetailSearch()
{
    m_cancelDetailSearch = std::make_shared<std::atomic<bool>>(false);
    m_detailSearch = new QFutureWatcher<std::shared_ptr<std::vector<int32_t>>>(this);
    auto* watcher = m_detailSearch;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher != m_detailSearch)
            return;
        m_detailSearch = nullptr;
        std::shared_ptr<std::vector<int32_t>> found = watcher->result();
        if (!found)
            return;
        std::vector<int32_t> merged;
        merged.reserve(m_matches.size() + found->size());
        std::set_union(m_matches.begin(), m_matches.end(), found->begin(), found->end(), std::back_inserter(merged));
        m_matches = std::move(merged);
        emit searchResultsChanged();
    });
    watcher->setFuture(QtConcurrent::run(
        [index = m_index, path = m_databasePath, needle = m_searchText, cancel = m_cancelDetailSearch,
            textFile = m_content ? m_content->detailTextFile() : nullptr]() -> std::shared_ptr<std::vector<int32_t>> {
            if (textFile) {
                std::optional<std::vector<int32_t>> found
                    = TraceContent::searchDetailTextFile(*textFile, needle, cancel.get());
                if (found || (cancel && cancel->load()))
                    return found ? std::make_shared<std::vector<int32_t>>(std::move(*found)) : nullptr;
            }
            std::unique_ptr<TraceStore> store = TraceStore::open(path, nullptr);
            if (!store)
                return nullptr;
            std::optional<std::vector<int32_t>> found = TraceContent::scanDetails(*store, *index, needle, cancel.get());
            return found ? std::make_shared<std::vector<int32_t>>(std::move(*found)) : nullptr;
        }));
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
