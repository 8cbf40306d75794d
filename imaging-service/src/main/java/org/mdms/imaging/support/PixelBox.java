package org.mdms.imaging.support;

/**
 * Which source pixels each output pixel covers when a {@code columns} x {@code rows} raster shrinks to
 * {@code width} x {@code height} by averaging (a box filter): output column {@code ox} covers source columns
 * [ox*columns/width, (ox+1)*columns/width), at least one; rows likewise. Photos' previews and DICOM thumbnails are
 * both shrunk this way (issue 16).
 */
public final class PixelBox {

    private final int[] column;
    private final int[] columnsPer;
    private final int rows;
    private final int height;

    public PixelBox(int columns, int rows, int width, int height) {
        if (width > columns || height > rows) {
            throw new IllegalArgumentException("a raster is shrunk here, never enlarged");
        }
        this.rows = rows;
        this.height = height;
        this.column = new int[columns];
        this.columnsPer = new int[width];
        for (int x = 0; x < columns; x++) {
            column[x] = (int) ((long) x * width / columns);
            columnsPer[column[x]]++;
        }
    }

    /** The output column of each source column (read-only: the array itself, for the inner loops). */
    public int[] columns() {
        return column;
    }

    /** The first source row of output row {@code oy} ({@code oy == height}: the end). */
    public int firstRow(int oy) {
        return (int) (((long) oy * rows + height - 1) / height);
    }

    /** How many source pixels output pixel ({@code ox}, {@code oy}) covers. */
    public int count(int ox, int oy) {
        return columnsPer[ox] * (firstRow(oy + 1) - firstRow(oy));
    }
}
