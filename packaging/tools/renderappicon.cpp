// SPDX-License-Identifier: MIT
// Build-time tool: renders the scalable application icon to the PNG sizes that desktops without SVG support (and
// the hicolor theme's fixed-size folders) want, so that the PNGs can never drift from the SVG.
//   renderappicon ICON.svg OUTPUT_FOLDER SIZE...   writes OUTPUT_FOLDER/<SIZE>.png
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() < 4) {
        std::fprintf(stderr, "usage: renderappicon ICON.svg OUTPUT_FOLDER SIZE...\n");
        return 2;
    }
    QSvgRenderer renderer(arguments[1]);
    if (!renderer.isValid()) {
        std::fprintf(stderr, "renderappicon: cannot read %s as SVG\n", qPrintable(arguments[1]));
        return 1;
    }
    const QDir folder(arguments[2]);
    if (!folder.mkpath(QStringLiteral(".")))
        return 1;
    for (const QString& sizeText : arguments.mid(3)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size <= 0 || size > 1024) {
            std::fprintf(stderr, "renderappicon: '%s' is not a size in pixels\n", qPrintable(sizeText));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        const QString path = folder.filePath(sizeText + QStringLiteral(".png"));
        if (!image.save(path, "PNG")) {
            std::fprintf(stderr, "renderappicon: cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    return 0;
}
