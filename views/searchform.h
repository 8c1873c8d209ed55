// SPDX-License-Identifier: MIT
#pragma once

#include "tracestore.h"

#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace skein {

using TagFilters = std::vector<std::pair<QString, QString>>;

// "key=value key2=\"a b\"": space-separated pairs, values optionally in double or single quotes (a
// backslash escapes the next character inside double quotes). nullopt with *error set on bad input.
std::optional<TagFilters> parseTagFilters(QStringView text, QString* error = nullptr);
// The inverse of parseTagFilters: quotes values that need it.
QString formatTagFilters(const TagFilters& tags);
// A duration that parseDuration() reads back exactly ("1500us", "2s").
QString formatExactDuration(int64_t nanoseconds);

// The fields of a trace search, turned into a TraceFilter. Enter in any field asks for a search.
class SearchForm : public QWidget {
    Q_OBJECT
public:
    explicit SearchForm(QWidget* parent = nullptr);

    struct Parsed {
        TraceFilter filter; // the valid fields only
        QString error; // the first problem, empty when every field is valid
        QWidget* invalidField = nullptr;
    };
    // The filter the fields describe now (lookbacks are measured back from now).
    Parsed parse() const;
    // Marks the invalid field and explains the problem; an empty message clears the marks.
    void showProblem(const QString& message, QWidget* field = nullptr);
    QString problem() const;

    void setFilter(const TraceFilter& filter);

    QString service() const;
    void setServices(const QStringList& services);
    // Ignored unless service is still the chosen one (the list arrived late).
    void setOperations(const QString& service, const QStringList& operations);
    // The range the custom From/To fields start from when "Custom range" is first chosen.
    void setSuggestedRange(int64_t firstNs, int64_t lastNs);

    void saveSettings() const;
    void restoreSettings();

signals:
    void searchRequested();
    void serviceChanged(const QString& service);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void lookbackChanged();
    void clearMark(QLineEdit* field);
    void markField(QWidget* field, const QString& message);
    void updateErrorColor();

    QComboBox* m_service = nullptr;
    QComboBox* m_operation = nullptr;
    QLineEdit* m_tags = nullptr;
    QLineEdit* m_minDuration = nullptr;
    QLineEdit* m_maxDuration = nullptr;
    QComboBox* m_lookback = nullptr;
    QLabel* m_fromLabel = nullptr;
    QLabel* m_toLabel = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QSpinBox* m_limit = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_searchButton = nullptr;
    QWidget* m_markedField = nullptr;
    bool m_customRangeTouched = false;
};

} // namespace skein
