// Printing: the module (a venue's sheet as PDF) and the parts a sheet may have.
export { PrintingModule } from './printing.module';
export { SheetPart } from './dto/venue-sheet.dto';
